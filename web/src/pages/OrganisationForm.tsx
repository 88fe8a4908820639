import { RecordForm } from '../components/form';

/** Add or edit an organisation of the directory. */
export function OrganisationForm({ id }: { id?: number }) {
  return <RecordForm type="organisation" id={id} />;
}
