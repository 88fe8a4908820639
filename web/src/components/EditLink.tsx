import { t } from '../i18n';
import { useTokenState } from './Layout';

/** "Edit" on a list item, for token holders; its accessible name says which record. */
export function EditLink({ path, name }: { path: string; name: string }) {
  const token = useTokenState();
  if (!token) return null;
  return (
    <a class="btn btn-small btn-ghost edit-link" href={path} data-testid="edit">
      {t('common.edit')}<span class="sr-only"> — {name}</span>
    </a>
  );
}
