import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { DataTask, TaskStatus } from '../src/data-task.js';
import { AbortedError, ApiError, DvcError, NetworkError } from '../src/errors.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
  signal?: AbortSignal;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Each run waits on a deferred the test controls; aborting the signal rejects it like fetch would. */
class TaskProbe extends LitElement {
  @property() code = 'A';
  runs: Array<Deferred<string> & { args: readonly [string] }> = [];
  errors: DvcError[] = [];
  data = new DataTask(this, {
    args: () => [this.code] as const,
    task: ([code], { signal }) => {
      const d = deferred<string>();
      signal.addEventListener('abort', () => d.reject(new DOMException('aborted', 'AbortError')));
      this.runs.push({ ...d, args: [code], signal });
      return d.promise;
    },
    onError: (e) => this.errors.push(e),
  });
  override render() {
    return html`<p>
      ${this.data.render({
        initial: () => 'initial',
        pending: () => 'pending',
        complete: (v) => `complete:${v}`,
        error: (e) => `error:${e.name}`,
      })}
    </p>`;
  }
}
customElements.define('dvc-task-probe', TaskProbe);

class ManualProbe extends LitElement {
  data = new DataTask<readonly [number], number>(this, {
    autoRun: false,
    task: async ([n]) => {
      if (n < 0) throw 'negative';
      if (n === 0) throw new TypeError('Failed to fetch');
      return n * 2;
    },
  });
  override render() {
    return html`${this.data.render({ initial: () => 'initial', complete: (v) => `v${v}` })}`;
  }
}
customElements.define('dvc-manual-probe', ManualProbe);

const text = (el: LitElement) => el.shadowRoot!.textContent!.trim();
const flush = () => new Promise((r) => setTimeout(r));

describe('DataTask', () => {
  it('goes pending → complete and renders each state', async () => {
    const el = await fixture<TaskProbe>(testHtml`<dvc-task-probe></dvc-task-probe>`);
    expect(el.data.status).to.equal(TaskStatus.PENDING);
    expect(text(el)).to.equal('pending');
    el.runs[0]!.resolve('one');
    await flush();
    await el.updateComplete;
    expect(el.data.status).to.equal(TaskStatus.COMPLETE);
    expect(el.data.value).to.equal('one');
    expect(text(el)).to.equal('complete:one');
  });

  it('drops a stale answer and aborts the stale run', async () => {
    const el = await fixture<TaskProbe>(testHtml`<dvc-task-probe></dvc-task-probe>`);
    el.code = 'B';
    await el.updateComplete;
    expect(el.runs).to.have.length(2);
    expect(el.runs[0]!.signal!.aborted).to.equal(true);
    el.runs[1]!.resolve('for B');
    el.runs[0]!.resolve('for A (late)');
    await flush();
    await el.updateComplete;
    expect(el.data.value).to.equal('for B');
    expect(text(el)).to.equal('complete:for B');
    expect(el.errors).to.have.length(0);
  });

  it('normalises errors to the named classes', async () => {
    const el = await fixture<TaskProbe>(testHtml`<dvc-task-probe></dvc-task-probe>`);
    el.runs[0]!.reject(new ApiError(404, 'not_found', 'x'));
    await flush();
    await el.updateComplete;
    expect(el.data.status).to.equal(TaskStatus.ERROR);
    expect(el.data.error).to.be.instanceOf(ApiError);
    expect(text(el)).to.equal('error:ApiError');
    expect(el.errors[0]).to.be.instanceOf(ApiError);

    el.code = 'C';
    await el.updateComplete;
    el.runs[1]!.reject('plain string');
    await flush();
    await el.updateComplete;
    expect(el.data.error).to.be.instanceOf(DvcError);
    expect(el.data.error!.message).to.equal('plain string');
    expect(text(el)).to.equal('error:DvcError');
  });

  it('never shows an aborted run as an error, and finishes it when the host comes back', async () => {
    const el = await fixture<TaskProbe>(testHtml`<dvc-task-probe></dvc-task-probe>`);
    const parent = el.parentElement!;
    el.remove();
    expect(el.runs[0]!.signal!.aborted).to.equal(true);
    await flush();
    expect(el.data.status).to.equal(TaskStatus.INITIAL);
    expect(el.data.error).to.equal(undefined);
    expect(el.errors).to.have.length(0);

    parent.append(el);
    await el.updateComplete;
    expect(el.runs).to.have.length(2);
    expect(el.runs[1]!.args).to.deep.equal(['A']);
    el.runs[1]!.resolve('back');
    await flush();
    await el.updateComplete;
    expect(text(el)).to.equal('complete:back');
  });

  it('keeps the previous value when a later run is aborted', async () => {
    const el = await fixture<TaskProbe>(testHtml`<dvc-task-probe></dvc-task-probe>`);
    el.runs[0]!.resolve('kept');
    await flush();
    el.code = 'B';
    await el.updateComplete;
    el.data.abort();
    await flush();
    expect(el.data.status).to.equal(TaskStatus.COMPLETE);
    expect(el.data.value).to.equal('kept');
  });

  it('treats an AbortedError from the task as an abort, not a failure', async () => {
    const el = await fixture<TaskProbe>(testHtml`<dvc-task-probe></dvc-task-probe>`);
    el.runs[0]!.reject(new AbortedError());
    await flush();
    expect(el.data.status).to.equal(TaskStatus.INITIAL);
    expect(el.errors).to.have.length(0);
  });

  it('runs on demand with autoRun false; run() never rejects; taskComplete rejects with a named error', async () => {
    const el = await fixture<ManualProbe>(testHtml`<dvc-manual-probe></dvc-manual-probe>`);
    expect(el.data.status).to.equal(TaskStatus.INITIAL);
    expect(text(el)).to.equal('initial');
    await el.data.run([21]);
    await el.updateComplete;
    expect(text(el)).to.equal('v42');
    expect(await el.data.taskComplete).to.equal(42);

    await el.data.run([0]);
    expect(el.data.error).to.be.instanceOf(NetworkError);
    let caught: unknown;
    await el.data.taskComplete.catch((e) => (caught = e));
    expect(caught).to.be.instanceOf(NetworkError);

    await el.data.run([-1]);
    expect(el.data.error).to.be.instanceOf(DvcError);
    // The renderer has no error branch: nothing is rendered.
    await el.updateComplete;
    expect(text(el)).to.equal('');
  });
});
