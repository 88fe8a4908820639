// Deleting a record: a confirmation dialog naming it, then DELETE; when the server refuses
// (other records still point at it), its reason is shown in the dialog, in the reader's language.
import { useRef, useState } from 'preact/hooks';
import { t, getLang } from '../i18n';
import { api, ApiError } from '../lib/api';
import { refusalMessages } from '../lib/fielderrors';
import { forgetRecord, recordName, type AnyRecord } from '../lib/records';
import { navigate } from '../lib/router';
import { TYPES, type RecordType } from '../lib/schema';
import { errorText } from './common';

export function DeleteButton({ type, record, onDeleted }: { type: RecordType; record: AnyRecord; onDeleted?: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ title: string; reasons: string[] } | null>(null);
  const name = recordName(type, record, getLang())?.text ?? `#${record.id}`;
  const dialogId = `delete-${type}-${record.id}`;

  const open = () => {
    setRefusal(null);
    ref.current?.showModal();
  };
  const confirm = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      await api(`${TYPES[type].plural}/${record.id}`, { method: 'DELETE', ifMatch: record.version });
      forgetRecord(type, record.id);
      ref.current?.close();
      if (onDeleted) onDeleted();
      else navigate(TYPES[type].listPath);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.errors.some((x) => x.code === 'still_referenced')) {
        setRefusal({ title: t('delete.refused'), reasons: [...refusalMessages(e), t('delete.refused_help')] });
      } else if (e instanceof ApiError && e.status !== 0) {
        setRefusal({ title: t('delete.failed'), reasons: refusalMessages(e) });
      } else {
        setRefusal({ title: t('delete.failed'), reasons: [errorText(e)] });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" class="btn btn-danger" onClick={open} aria-haspopup="dialog" data-testid="delete">{t('delete.button')}</button>
      <dialog ref={ref} class="dialog" aria-labelledby={`${dialogId}-title`} aria-describedby={`${dialogId}-text`} data-testid="delete-dialog">
        <div class="dialog-body">
          <h2 id={`${dialogId}-title`}>{t('delete.title')}</h2>
          <p id={`${dialogId}-text`}>{t('delete.confirm', { name })}</p>
          {refusal && (
            <div class="alert alert-error" role="alert" data-testid="delete-refused">
              <p><strong>{refusal.title}</strong></p>
              {refusal.reasons.map((r, i) => <p key={i}>{r}</p>)}
            </div>
          )}
          <div class="actions">
            <button type="button" class="btn btn-danger" onClick={confirm} disabled={busy} aria-busy={busy} data-testid="delete-confirm">
              {busy ? t('delete.deleting') : t('delete.confirm_button')}
            </button>
            <button type="button" class="btn btn-ghost" onClick={() => ref.current?.close()} autofocus>{t('common.cancel')}</button>
          </div>
        </div>
      </dialog>
    </>
  );
}
