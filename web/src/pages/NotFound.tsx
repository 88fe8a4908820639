import { t } from '../i18n';
import { useTitle } from '../lib/hooks';
import { PageHeader } from '../components/common';

export function NotFoundPage() {
  useTitle(t('common.not_found_title'));
  return (
    <>
      <PageHeader title={t('common.not_found_title')} intro={t('common.not_found_text')} />
      <p><a class="btn btn-primary" href="/">{t('common.go_home')}</a></p>
    </>
  );
}
