import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { api, ApiError, type RecordBase } from '../lib/api';
import { isVersionConflict, mapFieldErrors, type FieldError } from '../lib/fielderrors';
import { errorText } from './common';

export interface SaveState {
  saving: boolean;
  fieldErrors: Record<string, string>;
  other: FieldError[];
  problem: { title: string; detail?: string } | null;
  /** The record was changed by someone else since the form was filled in. */
  conflict: boolean;
}

const IDLE: SaveState = { saving: false, fieldErrors: {}, other: [], problem: null, conflict: false };

/**
 * Creates (POST) or replaces (PUT with If-Match: the version the form was filled from) a record;
 * maps the server's field errors to the form's fields; tells a version conflict apart.
 */
export function useSave<T extends RecordBase>(collection: string, fields: readonly string[]) {
  const [state, setState] = useState<SaveState>(IDLE);
  const save = async (body: Record<string, unknown>, existing?: { id: number; version: number }): Promise<T | null> => {
    setState({ ...IDLE, saving: true });
    try {
      const rec = existing
        ? await api<T>(`${collection}/${existing.id}`, { method: 'PUT', body, ifMatch: existing.version })
        : await api<T>(collection, { method: 'POST', body });
      setState(IDLE);
      return rec;
    } catch (e) {
      if (e instanceof ApiError && existing && isVersionConflict(e)) {
        setState({ ...IDLE, conflict: true, problem: { title: t('form.conflict_title'), detail: t('form.conflict') } });
      } else if (e instanceof ApiError && e.errors.length) {
        const { byField, other } = mapFieldErrors(e.errors, fields);
        setState({ ...IDLE, fieldErrors: byField, other, problem: { title: t('form.errors_title'), detail: e.detail } });
      } else {
        setState({ ...IDLE, problem: { title: errorText(e) } });
      }
      return null;
    }
  };
  const reset = () => setState(IDLE);
  return { ...state, save, reset };
}
