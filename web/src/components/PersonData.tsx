// Centre staff's actions on a person's page: export everything held about them (their right of
// access), and erase them (their right to erasure) after a confirmation that says what stays:
// country, locality and enrolments, so that the published figures remain true.
import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { api } from '../lib/api';
import { datedName, downloadFile } from '../lib/download';
import { forgetRecord } from '../lib/records';
import { errorText } from './common';

export function PersonDataActions({ id, name, onErased }: { id: number; name: string; onErased: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState<'' | 'export' | 'erase'>('');
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const exportData = async () => {
    setBusy('export');
    setError('');
    try {
      await downloadFile(`people/${id}/export`, datedName(`person-${id}`, 'json'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy('');
    }
  };
  const erase = async () => {
    setBusy('erase');
    setError('');
    try {
      await api(`people/${id}/erase`, { method: 'POST' });
      forgetRecord('person', id);
      ref.current?.close();
      setDone(true);
      onErased();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy('');
    }
  };
  const dialogId = `erase-${id}`;
  return (
    <section class="section card personal-data" aria-labelledby="h-personal-data" data-testid="personal-data">
      <h2 id="h-personal-data">{t('persondata.title')}</h2>
      <p class="help">{t('persondata.intro')}</p>
      {done && <p class="alert alert-success" role="status" data-testid="erased">{t('persondata.erased')}</p>}
      {error && !ref.current?.open && <p class="alert alert-error" role="alert">{error}</p>}
      <div class="actions">
        <button type="button" class="btn btn-secondary" onClick={exportData} disabled={busy !== ''} aria-busy={busy === 'export'} data-testid="person-export">{t('persondata.export')}</button>
        {!done && (
          <button type="button" class="btn btn-danger" onClick={() => { setError(''); ref.current?.showModal(); }} aria-haspopup="dialog" data-testid="person-erase">{t('persondata.erase')}</button>
        )}
      </div>
      <dialog ref={ref} class="dialog" aria-labelledby={`${dialogId}-title`} aria-describedby={`${dialogId}-text`} data-testid="erase-dialog">
        <div class="dialog-body">
          <h2 id={`${dialogId}-title`}>{t('persondata.erase_title', { name })}</h2>
          <div id={`${dialogId}-text`}>
            <p>{t('persondata.erase_what')}</p>
            <p>{t('persondata.erase_stays')}</p>
            <p><strong>{t('persondata.erase_final')}</strong></p>
          </div>
          {error && <p class="alert alert-error" role="alert">{error}</p>}
          <div class="actions">
            <button type="button" class="btn btn-danger" onClick={erase} disabled={busy !== ''} aria-busy={busy === 'erase'} data-testid="erase-confirm">
              {busy === 'erase' ? t('persondata.erasing') : t('persondata.erase_confirm')}
            </button>
            <button type="button" class="btn btn-ghost" onClick={() => ref.current?.close()} autofocus>{t('common.cancel')}</button>
          </div>
        </div>
      </dialog>
    </section>
  );
}
