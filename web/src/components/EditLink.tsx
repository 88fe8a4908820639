import { t } from '../i18n';
import type { RecordType } from '../lib/schema';
import { canEdit } from '../lib/roles';
import { useAuth } from './auth';

/**
 * "Edit" on a list item, for those whose role may edit the record (lib/roles.ts); its accessible
 * name says which record. `owners`: the organisations the record belongs to when the record alone
 * does not say (a session: its programme's provider).
 */
export function EditLink({ path, name, type, record, owners }: { path: string; name: string; type: RecordType; record: object; owners?: number[] }) {
  const auth = useAuth();
  if (!canEdit(auth, type, record, owners)) return null;
  return (
    <a class="btn btn-small btn-ghost edit-link" href={path} data-testid="edit">
      {t('common.edit')}<span class="sr-only"> — {name}</span>
    </a>
  );
}
