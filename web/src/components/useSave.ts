import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { api, ApiError, type RecordBase } from '../lib/api';
import { mapFieldErrors, type FieldError } from '../lib/fielderrors';
import { errorText } from './common';

export interface SaveState {
  saving: boolean;
  fieldErrors: Record<string, string>;
  other: FieldError[];
  problem: { title: string; detail?: string } | null;
}

/** Creates (POST) or changes (PATCH with If-Match) a record; maps the server's field errors to the form. */
export function useSave<T extends RecordBase>(collection: string, fields: readonly string[]) {
  const [state, setState] = useState<SaveState>({ saving: false, fieldErrors: {}, other: [], problem: null });
  const save = async (body: Record<string, unknown>, existing?: { id: number; version: number }): Promise<T | null> => {
    setState({ saving: true, fieldErrors: {}, other: [], problem: null });
    try {
      const rec = existing
        ? await api<T>(`${collection}/${existing.id}`, { method: 'PATCH', body, ifMatch: existing.version })
        : await api<T>(collection, { method: 'POST', body });
      setState({ saving: false, fieldErrors: {}, other: [], problem: null });
      return rec;
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        const { byField, other } = mapFieldErrors(e.errors, fields);
        setState({ saving: false, fieldErrors: byField, other, problem: { title: t('form.errors_title'), detail: e.detail } });
      } else if (e instanceof ApiError && e.status === 409) {
        setState({ saving: false, fieldErrors: {}, other: [], problem: { title: e.title, detail: t('form.conflict') } });
      } else {
        setState({ saving: false, fieldErrors: {}, other: [], problem: { title: errorText(e) } });
      }
      return null;
    }
  };
  return { ...state, save };
}
