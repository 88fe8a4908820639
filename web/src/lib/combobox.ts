// The keyboard behaviour of a combobox with a list of suggestions (WAI-ARIA 1.2 combobox pattern),
// as a pure function so it can be tested without a browser.

export interface ComboState {
  open: boolean;
  /** The highlighted option (aria-activedescendant), -1 for none. */
  active: number;
}

export const COMBO_CLOSED: ComboState = { open: false, active: -1 };

export interface ComboResult {
  state: ComboState;
  /** The option to choose, when the key chose one. */
  choose?: number;
  /** The key was handled: the caller prevents its default action. */
  handled: boolean;
}

/** What a key does, given `count` options shown. */
export function comboKey(state: ComboState, key: string, count: number): ComboResult {
  switch (key) {
    case 'ArrowDown':
      if (!count) return { state: { open: true, active: -1 }, handled: true };
      if (!state.open) return { state: { open: true, active: 0 }, handled: true };
      return { state: { open: true, active: state.active + 1 >= count ? 0 : state.active + 1 }, handled: true };
    case 'ArrowUp':
      if (!count) return { state, handled: true };
      if (!state.open) return { state: { open: true, active: count - 1 }, handled: true };
      return { state: { open: true, active: state.active <= 0 ? count - 1 : state.active - 1 }, handled: true };
    case 'Home':
    case 'End':
      if (!state.open || !count) return { state, handled: false };  // moves the caret in the input
      return { state: { open: true, active: key === 'Home' ? 0 : count - 1 }, handled: true };
    case 'Enter':
      if (state.open && state.active >= 0 && state.active < count) return { state: COMBO_CLOSED, choose: state.active, handled: true };
      if (state.open && count === 1) return { state: COMBO_CLOSED, choose: 0, handled: true };  // the only match
      return { state, handled: state.open };  // an open list: Enter must not submit the form
    case 'Escape':
      return { state: COMBO_CLOSED, handled: state.open };
    case 'Tab':
      return { state: COMBO_CLOSED, handled: false };
    default:
      return { state, handled: false };
  }
}
