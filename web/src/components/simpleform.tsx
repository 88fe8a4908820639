// A small form that is not a record (sign-in, passwords, an invitation, one's account): fields
// from the same descriptors and controls as the record forms (fields.tsx), the server's
// messages next to them, the summary of problems, focus on the first field in error.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import { controlId, type FieldValue, type FormValues } from '../lib/formdata';
import type { FieldDesc } from '../lib/schema';
import { Field } from './fields';
import { ProblemSummary } from './form';
import type { SubmitState } from './useSubmit';

export interface SimpleFormProps {
  id: string;
  label: string;
  fields: FieldDesc[];
  values: FormValues;
  set: (name: string, value: FieldValue) => void;
  state: SubmitState;
  submit: MessageKey;
  busyLabel?: MessageKey;
  onSubmit: () => void;
  /** Shown under the fields, before the buttons. */
  children?: ComponentChildren;
  /** More buttons or links beside "submit". */
  extra?: ComponentChildren;
  grid?: boolean;
  /** A sentence at the top of the form. */
  intro?: string;
}

export function SimpleForm(p: SimpleFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // After a failed submit: the first field in error, else the summary.
  useEffect(() => {
    if (!p.state.problem) return;
    const first = p.fields.find((f) => p.state.fieldErrors[f.name]);
    const el = first ? document.getElementById(controlId(first.name)) : null;
    if (el) el.focus();
    else summaryRef.current?.querySelector<HTMLElement>('[data-testid="error-summary"]')?.focus();
  }, [p.state.problem]);
  const labels = Object.fromEntries(p.fields.map((f) => [f.name, f.label])) as Record<string, MessageKey>;
  return (
    <>
      <div ref={summaryRef}>
        {p.state.problem && (
          <ProblemSummary title={p.state.problem.title} detail={p.state.problem.detail} fieldErrors={p.state.fieldErrors}
            fieldLabels={labels} other={p.state.other} focus={false} />
        )}
      </div>
      <form ref={formRef} id={p.id} class="card simple-form" noValidate aria-label={p.label}
        onSubmit={(e) => { e.preventDefault(); p.onSubmit(); }}>
        {p.intro && <p class="help form-intro">{p.intro}</p>}
        <div class={p.grid ? 'form-grid' : undefined}>
          {p.fields.map((f) => <Field key={f.name} desc={f} values={p.values} errors={p.state.fieldErrors} set={p.set} />)}
        </div>
        {p.children}
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={p.state.busy} aria-busy={p.state.busy}>
            {p.state.busy ? t(p.busyLabel ?? 'form.saving') : t(p.submit)}
          </button>
          {p.extra}
        </div>
      </form>
    </>
  );
}
