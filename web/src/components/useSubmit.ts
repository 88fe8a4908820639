import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { ApiError } from '../lib/api';
import { mapFieldErrors, type FieldError } from '../lib/fielderrors';
import { errorText } from './common';

export interface SubmitState {
  busy: boolean;
  fieldErrors: Record<string, string>;
  other: FieldError[];
  problem: { title: string; detail?: string } | null;
}

const IDLE: SubmitState = { busy: false, fieldErrors: {}, other: [], problem: null };

/**
 * Sends one form (sign-in, a password, an invitation...) and keeps its outcome: the server's
 * messages by field (`aliases` maps the server's field names to the form's, e.g. the policy's
 * "password" to a "new_password" input), the rest in the summary, a wait on 429.
 */
export function useSubmit(fields: readonly string[], aliases: Record<string, string> = {}) {
  const [state, setState] = useState<SubmitState>(IDLE);
  const fail = (fieldErrors: Record<string, string>, title = t('form.errors_title')) =>
    setState({ ...IDLE, fieldErrors, problem: { title } });
  const run = async <T>(fn: () => Promise<T>): Promise<T | null> => {
    setState({ ...IDLE, busy: true });
    try {
      const r = await fn();
      setState(IDLE);
      return r;
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) {
        setState({ ...IDLE, problem: { title: e.retryAfter ? t('auth.throttled_for', { seconds: e.retryAfter }) : t('auth.throttled') } });
      } else if (e instanceof ApiError && e.errors.length) {
        const renamed = e.errors.map((x) => ({ ...x, field: aliases[x.field] ?? x.field }));
        const { byField, other } = mapFieldErrors(renamed, fields);
        setState({ ...IDLE, fieldErrors: byField, other, problem: { title: Object.keys(byField).length ? t('form.errors_title') : e.title, detail: Object.keys(byField).length ? undefined : e.detail } });
      } else {
        setState({ ...IDLE, problem: { title: errorText(e) } });
      }
      return null;
    }
  };
  return { ...state, run, fail, reset: () => setState(IDLE) };
}
