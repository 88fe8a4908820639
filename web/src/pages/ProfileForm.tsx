import { RecordForm } from '../components/form';

/** Publish or edit an offer or a need; from an organisation's page it starts with that organisation. */
export function ProfileForm({ id, organisation }: { id?: number; organisation?: number }) {
  return <RecordForm type="profile" id={id} preset={organisation ? { organisation } : undefined} />;
}
