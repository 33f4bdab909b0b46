import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type {
  LocalizedText,
  Rating,
  SurveyDefinition,
  SurveyEligibility,
  SurveyReceipt,
  SurveyResponseRequest,
  SurveyResults,
} from '@dvc-widgets/contract';
import {
  AnnouncerController,
  ApiController,
  ApiError,
  DataTask,
  DvcElement,
  FocusController,
  DvcRateRequestEvent,
  DvcSurveyQueuedEvent,
  DvcSurveySubmittedEvent,
  LocalizeController,
  NetworkError,
  OutboxController,
  RateLimitedError,
  RetryCountdownController,
  TaskStatus,
  TimeoutError,
  baseStyles,
  getOutbox,
  isDossierCode,
  newIdempotencyKey,
  normalizeDossierCode,
  readJson,
  registerLocale,
  remove,
  resolveConfig,
  toDvcError,
  writeJson,
  addDays,
  addMonths,
  now,
  vnToday,
  type DvcError,
  type Outbox,
  type OutboxDeliveredEvent,
  type OutboxItem,
  type OutboxRejectedEvent,
} from '@dvc-widgets/core';
import { styles } from './satisfaction-survey.styles.js';
import vi from './locales/vi.js';

// English is fetched only when a reader needs it (most portals are Vietnamese-only).
registerLocale('satisfaction-survey', { vi, en: () => import('./locales/en.js') });

/** The official one-stop evaluation (Thông tư 01/2018/TT-VPCP criteria). */
export const DEFAULT_SURVEY_ID = 'mot-cua';

export type SurveyMode = 'inline' | 'button';
export type SurveyView = 'form' | 'results';
export type SurveyStep = 'code' | 'questions' | 'review' | 'done' | 'queued' | 'conflict';
export type ResultsPeriod = 'last30' | 'quarter' | 'year' | 'custom';

const ENDPOINT = 'submitSurveyResponse' as const;
const DRAFT_VERSION = 1;

interface Draft {
  answers: Record<string, Rating>;
  comment: string;
  /** Kept with the draft so a retry after a lost answer (even after a reload) cannot count twice. */
  idempotencyKey: string;
}

interface Submission {
  surveyId: string;
  body: SurveyResponseRequest;
  idempotencyKey: string;
  baseUrl: string;
}

type SubmitOutcome =
  | { kind: 'sent'; submission: Submission; receipt: SurveyReceipt }
  | { kind: 'queued'; submission: Submission; item: OutboxItem };

/**
 * Failures worth sending again later from the outbox: the request may not have reached the
 * server. Rate limits are not here: the server asked us to wait, so the citizen sees a countdown.
 */
function isTransient(error: DvcError): boolean {
  if (error instanceof RateLimitedError) return false;
  if (error instanceof NetworkError || error instanceof TimeoutError) return true;
  return error instanceof ApiError && [408, 425, 500, 502, 503, 504].includes(error.status);
}

// ---- Calendar dates in Asia/Ho_Chi_Minh (the period picker works in Vietnamese days) ----

/** The `from`–`to` dates (inclusive) of a preset period ending today. */
export function periodRange(period: Exclude<ResultsPeriod, 'custom'>, today: string): { from: string; to: string } {
  switch (period) {
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'quarter': {
      const [y, m] = today.split('-').map(Number) as [number, number];
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${y}-${String(first).padStart(2, '0')}-01`, to: today };
    }
    case 'year':
      return { from: addDays(addMonths(today, -12), 1), to: today };
  }
}

/** Splits a chart label into lines of at most `max` characters, at spaces. */
function wrapLabel(text: string, max = 38): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** One element answers each `dvc-survey-submitted` for a rating delivered from the outbox. */
const ownedKeys = new Map<string, DvcSatisfactionSurvey>();
const announcedKeys = new Set<string>();

/**
 * Collects citizen satisfaction ratings for a returned dossier with the official criteria, and
 * publishes the aggregated results.
 *
 * @summary Satisfaction survey (đánh giá mức độ hài lòng) with offline delivery and a public results view.
 * @tag dvc-satisfaction-survey
 *
 * @attr api-base - Base URL of the API (else `<meta name="dvc:api-base">`, else `window.dvcWidgets.config.apiBase`).
 * @attr agency - Agency code whose results are shown (results view), e.g. `000.00.01.H29`.
 * @attr survey - Survey id; default `mot-cua`, the official one-stop evaluation.
 * @attr dossier - Dossier code to prefill; it is checked at once.
 * @attr mode - `inline` (default) or `button`: a button that opens the survey in a modal dialog.
 * @attr view - `form` (default) or `results`: the public results per criterion.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @fires dvc-survey-submitted - A rating reached the server (also when it was delivered later from the outbox). Detail: `{ reference, dossierCode }`.
 * @fires dvc-survey-queued - A rating could not be sent now and was saved in the outbox. Detail: `{ dossierCode, idempotencyKey }`.
 *
 * @csspart base - The root wrapper.
 * @csspart open-button - The button that opens the dialog (button mode).
 * @csspart dialog - The modal `<dialog>` (button mode).
 * @csspart criterion - Each criterion's fieldset.
 * @csspart error-summary - The list of problems shown above the questions.
 * @csspart submit - The main button of each step.
 * @csspart reference - The rating reference on the thank-you step.
 * @csspart chart - The results bar chart (SVG).
 * @csspart table - The results table.
 *
 * @cssproperty --dvc-satisfaction-survey-accent - Colour of the radio buttons (default: `--dvc-color-primary`).
 * @cssproperty --dvc-satisfaction-survey-bar-color - Colour of the chart bars (default: `--dvc-color-primary`).
 * @cssproperty --dvc-satisfaction-survey-bar-track - Background of the chart bars (default: `--dvc-color-surface-alt`).
 * @cssproperty --dvc-satisfaction-survey-max-width - Maximum width of the widget (default: `48em`).
 * @cssproperty --dvc-satisfaction-survey-gap - Space between blocks (default: `--dvc-space-4`).
 */
export class DvcSatisfactionSurvey extends DvcElement {
  static override styles = [baseStyles, styles];

  /** Base URL of the API. */
  @property({ attribute: 'api-base' }) apiBase?: string;
  /** Agency code for the results view. */
  @property() agency?: string;
  /** Survey id. */
  @property() survey: string = DEFAULT_SURVEY_ID;
  /** Dossier code to prefill (checked at once). */
  @property() dossier?: string;
  /** `inline` or `button`. */
  @property({ reflect: true }) mode: SurveyMode = 'inline';
  /** `form` or `results`. */
  @property({ reflect: true }) view: SurveyView = 'form';

  @state() private step: SurveyStep = 'code';
  @state() private codeInput = '';
  @state() private codeError: string | null = null;
  @state() private checkError: DvcError | null = null;
  @state() private eligibility: SurveyEligibility | null = null;
  @state() private answers: Record<string, Rating> = {};
  @state() private comment = '';
  @state() private showErrors = false;
  @state() private draftRestored = false;
  @state() private submitError: DvcError | null = null;
  @state() private receipt: SurveyReceipt | null = null;
  @state() private deliveredLater = false;
  @state() private queuedKey: string | null = null;
  @state() private conflictCode = '';
  @state() private dialogOpen = false;
  @state() private period: ResultsPeriod = 'last30';
  @state() private range: { from: string; to: string } = periodRange('last30', vnToday(now()));
  @state() private customFrom = '';
  @state() private customTo = '';
  @state() private customError: string | null = null;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('.open-button') private openButton?: HTMLButtonElement;

  private readonly l = new LocalizeController(this, 'satisfaction-survey');
  private readonly api = new ApiController(this);
  private readonly outbox: Outbox = getOutbox();
  private readonly outboxController = new OutboxController(this, this.outbox);
  /**
   * Polite announcements, in the region that is in the accessibility tree right now: the modal
   * dialog's while it is open (it makes the rest of the page inert), else the root's.
   */
  private readonly announcer = new AnnouncerController(this, { region: () => (this.dialogOpen ? 'dialog' : 'root') });
  private readonly focusAfterUpdate = new FocusController(this);
  private readonly countdown = new RetryCountdownController(this);
  private idempotencyKey = newIdempotencyKey();
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private lastCountAnnounced: number | null = null;
  private dialogFocusPending = false;

  private readonly surveyTask = new DataTask(this, {
    args: () => [this.view, this.survey, this.api.client.baseUrl] as const,
    task: async ([view, surveyId], { signal }): Promise<SurveyDefinition | null> => {
      if (view !== 'form') return null;
      // requestWithMeta: a definition stored earlier still opens the form offline.
      const { data } = await this.api.client.requestWithMeta('getSurvey', { params: { surveyId }, signal });
      return data;
    },
  });

  private readonly eligibilityTask = new DataTask(this, {
    autoRun: false,
    task: async ([surveyId, dossierCode]: readonly [string, string], { signal }) =>
      this.api.client.request('checkSurveyEligibility', { params: { surveyId, dossierCode }, signal }),
  });

  private readonly submitTask = new DataTask(this, {
    autoRun: false,
    task: async ([submission]: readonly [Submission], { signal }): Promise<SubmitOutcome> => {
      try {
        const receipt = await this.api.client.request(ENDPOINT, {
          params: { surveyId: submission.surveyId },
          body: submission.body,
          idempotencyKey: submission.idempotencyKey,
          // One quick retry here; the outbox keeps trying after that.
          retries: 1,
          signal,
        });
        return { kind: 'sent', submission, receipt };
      } catch (raw) {
        const error = toDvcError(raw);
        if (!isTransient(error) || signal.aborted) throw error;
        // The same Idempotency-Key travels with the item: if the first try did reach the server,
        // the later delivery is answered with the same receipt instead of a second rating.
        const item = await this.outbox.enqueue(ENDPOINT, {
          params: { surveyId: submission.surveyId },
          body: submission.body,
          idempotencyKey: submission.idempotencyKey,
          baseUrl: submission.baseUrl,
        });
        return { kind: 'queued', submission, item };
      }
    },
  });

  private readonly resultsTask = new DataTask(this, {
    args: () =>
      [this.view, this.survey, this.resultsAgency, this.range.from, this.range.to, this.api.client.baseUrl] as const,
    task: async ([view, surveyId, agency, from, to], { signal }): Promise<SurveyResults | null> => {
      if (view !== 'results') return null;
      const query = agency ? { agency, from, to } : { from, to };
      return this.api.client.request('getSurveyResults', { params: { surveyId }, query, signal });
    },
  });

  private get resultsAgency(): string | undefined {
    return this.agency?.trim() || resolveConfig(this).agency;
  }

  // ------------------------------------------------------------------ lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener(DvcRateRequestEvent.eventName, this.onRateRequest);
    this.outbox.addEventListener('delivered', this.onDelivered);
    this.outbox.addEventListener('rejected', this.onRejected);
  }

  override disconnectedCallback(): void {
    // A portal that removes the widget while its modal is open must not be left inert.
    if (this.dialog?.open) this.dialog.close();
    super.disconnectedCallback();
    document.removeEventListener(DvcRateRequestEvent.eventName, this.onRateRequest);
    this.outbox.removeEventListener('delivered', this.onDelivered);
    this.outbox.removeEventListener('rejected', this.onRejected);
    for (const [key, el] of ownedKeys) if (el === this) ownedKeys.delete(key);
    clearTimeout(this.announceTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('survey') && changed.get('survey') !== undefined) this.reset('');
    if (changed.has('dossier') && this.dossier && this.view === 'form') {
      void this.startWithCode(this.dossier, false);
    } else if (!this.hasUpdated && !this.dossier) {
      // Back after leaving mid-way: the last dossier code is prefilled; its answers come back after the check.
      this.codeInput = readJson<string>(this.lastKey(), '', { version: DRAFT_VERSION });
    }
  }

  // ------------------------------------------------------------------ public API

  /** Opens the dialog (button mode). */
  show(): void {
    if (this.mode !== 'button') return;
    void this.openDialog();
  }

  /** Closes the dialog (button mode). */
  close(): void {
    this.dialog?.close();
  }

  /** Ratings of this survey waiting in the outbox. */
  get pendingCount(): number {
    return this.outboxController.pending.filter(
      (i) => i.endpoint === ENDPOINT && i.params?.['surveyId'] === this.survey,
    ).length;
  }

  // ------------------------------------------------------------------ storage

  private draftKey(code: string): string {
    return `satisfaction-survey.draft.${this.survey}.${code}`;
  }
  private lastKey(): string {
    return `satisfaction-survey.last.${this.survey}`;
  }

  private saveDraft(): void {
    const code = this.eligibility?.dossierCode;
    if (!code) return;
    const draft: Draft = { answers: this.answers, comment: this.comment, idempotencyKey: this.idempotencyKey };
    writeJson(this.draftKey(code), draft, { version: DRAFT_VERSION });
    writeJson(this.lastKey(), code, { version: DRAFT_VERSION });
  }

  private clearDraft(code: string): void {
    remove(this.draftKey(code));
    remove(this.lastKey());
  }

  private restoreDraft(code: string, definition: SurveyDefinition | null): void {
    const draft = readJson<Draft | null>(this.draftKey(code), null, { version: DRAFT_VERSION });
    this.answers = {};
    this.comment = '';
    this.draftRestored = false;
    this.idempotencyKey = newIdempotencyKey();
    if (!draft || typeof draft !== 'object') return;
    // Only what still fits the survey comes back (a criterion may have been removed since).
    const ids = new Set(definition?.criteria.map((c) => c.id) ?? []);
    const scale = new Set<string>(definition?.scale ?? []);
    const answers: Record<string, Rating> = {};
    for (const [id, rating] of Object.entries(draft.answers ?? {})) {
      if (ids.has(id) && scale.has(rating)) answers[id] = rating;
    }
    this.answers = answers;
    this.comment = typeof draft.comment === 'string' ? draft.comment : '';
    if (typeof draft.idempotencyKey === 'string' && draft.idempotencyKey) this.idempotencyKey = draft.idempotencyKey;
    this.draftRestored = Object.keys(answers).length > 0 || this.comment.length > 0;
  }

  // ------------------------------------------------------------------ flow

  private reset(code: string): void {
    this.step = 'code';
    this.codeInput = code;
    this.codeError = null;
    this.checkError = null;
    this.eligibility = null;
    this.answers = {};
    this.comment = '';
    this.showErrors = false;
    this.draftRestored = false;
    this.submitError = null;
    this.receipt = null;
    this.deliveredLater = false;
    this.queuedKey = null;
    this.idempotencyKey = newIdempotencyKey();
  }

  private async startWithCode(raw: string, moveFocus: boolean): Promise<void> {
    this.reset(normalizeDossierCode(raw));
    await this.checkCode(moveFocus);
  }

  private get definition(): SurveyDefinition | null {
    return this.surveyTask.value ?? null;
  }

  private async checkCode(moveFocus = true): Promise<void> {
    if (this.countdown.active) return;
    const code = normalizeDossierCode(this.codeInput);
    this.codeInput = code;
    this.checkError = null;
    this.eligibility = null;
    if (!code) {
      this.codeError = this.l.t('code.required');
    } else if (!isDossierCode(code)) {
      this.codeError = this.l.t('code.invalid');
    } else {
      this.codeError = null;
    }
    if (this.codeError) {
      if (moveFocus) await this.focusAfterUpdate.request('#code');
      return;
    }
    await this.eligibilityTask.run([this.survey, code]);
    if (this.normalizedCode() !== code) return; // the citizen typed another code meanwhile
    if (this.eligibilityTask.status === TaskStatus.ERROR) {
      const error = this.eligibilityTask.error!;
      this.checkError = error;
      this.countdown.start(error);
      if (moveFocus) await this.focusAfterUpdate.request('#check-error');
      return;
    }
    const result = this.eligibilityTask.value;
    if (!result || result.dossierCode !== code) return;
    if (!result.eligible) {
      this.codeError = this.l.t(`code.reason.${result.reason}`, { code });
      if (result.reason === 'already_rated') this.clearDraft(code);
      if (moveFocus) await this.focusAfterUpdate.request('#code');
      return;
    }
    if (this.surveyTask.status !== TaskStatus.COMPLETE) {
      try {
        await this.surveyTask.taskComplete;
      } catch {
        return; // the load error is rendered with a retry button
      }
    }
    this.eligibility = result;
    this.restoreDraft(code, this.definition);
    this.saveDraft();
    await this.goTo('questions', moveFocus);
  }

  private normalizedCode(): string {
    return normalizeDossierCode(this.codeInput);
  }

  private async goTo(step: SurveyStep, moveFocus = true): Promise<void> {
    this.step = step;
    if (step !== 'review') this.submitError = null;
    // Focus goes to the new step's heading, so screen-reader users hear where they are and
    // keyboard users continue from the top of the step.
    if (moveFocus) await this.focusAfterUpdate.request('#step-heading');
  }

  private missingAnswers(): SurveyDefinition['criteria'] {
    return (this.definition?.criteria ?? []).filter((c) => c.required && !this.answers[c.id]);
  }

  private commentLength(): number {
    // NFC: text typed on macOS arrives decomposed and would count each tone mark twice.
    return this.comment.normalize('NFC').length;
  }

  private commentTooLong(): boolean {
    const max = this.definition?.commentMaxLength ?? 0;
    return this.commentLength() > max;
  }

  private async onQuestionsSubmit(e: Event): Promise<void> {
    e.preventDefault();
    this.showErrors = true;
    if (this.missingAnswers().length > 0 || this.commentTooLong()) {
      // GOV.UK pattern: focus the summary so it is read out first; its links lead to each problem.
      await this.focusAfterUpdate.request('.error-summary');
      return;
    }
    this.showErrors = false;
    await this.goTo('review');
  }

  private buildSubmission(): Submission {
    const definition = this.definition!;
    const comment = this.comment.normalize('NFC').trim();
    const answers = definition.criteria
      .filter((c) => this.answers[c.id])
      .map((c) => ({ criterion: c.id, rating: this.answers[c.id]! }));
    const body: SurveyResponseRequest = { dossierCode: this.eligibility!.dossierCode, answers };
    if (comment) body.comment = comment;
    return { surveyId: definition.id, body, idempotencyKey: this.idempotencyKey, baseUrl: this.api.client.baseUrl };
  }

  private async submit(): Promise<void> {
    if (this.countdown.active || this.submitTask.status === TaskStatus.PENDING || !this.eligibility) return;
    this.submitError = null;
    const submission = this.buildSubmission();
    await this.submitTask.run([submission]);
    if (this.submitTask.status === TaskStatus.ERROR) {
      const error = this.submitTask.error!;
      if (error instanceof ApiError && error.status === 409) {
        this.showConflict(submission.body.dossierCode);
        return;
      }
      this.countdown.start(error);
      this.submitError = error;
      await this.focusAfterUpdate.request('#submit-error');
      return;
    }
    const outcome = this.submitTask.value;
    if (!outcome || outcome.submission !== submission) return;
    const code = submission.body.dossierCode;
    this.clearDraft(code);
    if (outcome.kind === 'sent') {
      this.receipt = outcome.receipt;
      this.deliveredLater = false;
      await this.goTo('done');
      this.dispatchEvent(new DvcSurveySubmittedEvent({ reference: outcome.receipt.reference, dossierCode: code }));
    } else {
      this.queuedKey = submission.idempotencyKey;
      ownedKeys.set(submission.idempotencyKey, this);
      await this.goTo('queued');
      this.dispatchEvent(new DvcSurveyQueuedEvent({ dossierCode: code, idempotencyKey: submission.idempotencyKey }));
    }
  }

  private showConflict(code: string): void {
    this.clearDraft(code);
    this.conflictCode = code;
    void this.goTo('conflict');
  }

  // ------------------------------------------------------------------ outbox events

  private isMine(item: OutboxItem): boolean {
    if (item.endpoint !== ENDPOINT || item.params?.['surveyId'] !== this.survey) return false;
    const owner = ownedKeys.get(item.idempotencyKey);
    // The element that queued it answers; a rating queued before a reload goes to the first one listening.
    return owner ? owner === this : !announcedKeys.has(item.idempotencyKey);
  }

  private readonly onDelivered = (event: Event): void => {
    const { item, response } = event as OutboxDeliveredEvent;
    if (!this.isMine(item)) return;
    announcedKeys.add(item.idempotencyKey);
    ownedKeys.delete(item.idempotencyKey);
    const receipt = response as SurveyReceipt;
    const dossierCode = (item.body as SurveyResponseRequest).dossierCode;
    if (this.queuedKey === item.idempotencyKey) {
      this.receipt = receipt;
      this.deliveredLater = true;
      this.queuedKey = null;
      this.step = 'done';
    }
    this.announce(this.l.t('done.deliveredLater', { code: dossierCode, reference: receipt.reference }));
    this.dispatchEvent(new DvcSurveySubmittedEvent({ reference: receipt.reference, dossierCode }));
  };

  private readonly onRejected = (event: Event): void => {
    const { item, error } = event as OutboxRejectedEvent;
    if (!this.isMine(item)) return;
    announcedKeys.add(item.idempotencyKey);
    ownedKeys.delete(item.idempotencyKey);
    const dossierCode = (item.body as SurveyResponseRequest).dossierCode;
    const conflict = error instanceof ApiError && error.status === 409;
    const message = conflict ? this.l.t('conflict.body', { code: dossierCode }) : this.rejectionMessage(error);
    if (this.queuedKey === item.idempotencyKey) {
      this.queuedKey = null;
      if (conflict) {
        this.showConflict(dossierCode);
      } else {
        this.codeInput = dossierCode;
        this.codeError = message;
        this.step = 'code';
      }
    }
    this.announce(message);
  };

  private rejectionMessage(error: DvcError): string {
    return error instanceof ApiError && error.status === 422 ? this.l.t('submitError.unprocessable') : this.l.errorMessage(error);
  }

  private announce(message: string): void {
    void this.announcer.announce(message);
  }

  // ------------------------------------------------------------------ dialog

  private async openDialog(): Promise<void> {
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog) return;
    // Native modal <dialog> + showModal(): the browser puts it on the top layer (no z-index fight
    // with portal CSS), makes the rest of the page inert (a real focus trap, also for screen-reader
    // virtual cursors), closes it on Escape and restores focus — no hand-written trap to get wrong.
    // Content first, then showModal(): the browser's own dialog focusing then finds the fields.
    this.dialogOpen = true;
    await this.updateComplete;
    if (!dialog.open) dialog.showModal();
    this.dialogFocusPending = true;
    this.focusDialogTarget();
    // Firefox ignores a focus() made in the same task as showModal() from a key press and leaves
    // focus on the first button; setting it again after the next frame holds in every browser.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    this.focusDialogTarget();
  }

  /**
   * Focus for an open dialog: the code field on the first step, else the step heading. Done again
   * when the survey arrives if the dialog opened while it was still loading. Only the browser's
   * default choice (the close button) is corrected: focus the citizen moved is never pulled away.
   */
  private focusDialogTarget(): void {
    if (!this.dialogFocusPending || !this.dialog?.open) return;
    const wanted = this.renderRoot.querySelector<HTMLElement>(this.step === 'code' ? '#code' : '#step-heading');
    if (!wanted) return;
    const current = (this.renderRoot as ShadowRoot).activeElement;
    if (!current || current.classList.contains('close')) wanted.focus();
    if ((this.renderRoot as ShadowRoot).activeElement === wanted) this.dialogFocusPending = false;
  }

  private onDialogClose(): void {
    this.dialogOpen = false;
    this.dialogFocusPending = false;
    // Focus back to the button that opened the dialog (WAI-ARIA dialog pattern), explicitly,
    // because not every browser restores it.
    this.openButton?.focus();
  }

  // ------------------------------------------------------------------ rate requests

  private readonly onRateRequest = (event: DvcRateRequestEvent): void => {
    // One widget takes a request; a results view never does.
    if (this.view !== 'form' || event.defaultPrevented) return;
    const code = event.detail?.dossierCode;
    if (typeof code !== 'string' || !code) return;
    event.preventDefault();
    void (async () => {
      this.reset(normalizeDossierCode(code));
      if (this.mode === 'button') await this.openDialog();
      await this.checkCode(true);
    })();
  };

  // ------------------------------------------------------------------ results

  private onPeriodChange(period: ResultsPeriod): void {
    this.period = period;
    this.customError = null;
    if (period !== 'custom') {
      this.range = periodRange(period, vnToday(now()));
    } else {
      this.customFrom ||= this.range.from;
      this.customTo ||= this.range.to;
    }
  }

  private applyCustom(e: Event): void {
    e.preventDefault();
    const { customFrom: from, customTo: to } = this;
    if (!from || !to) {
      this.customError = this.l.t('results.customInvalid');
    } else if (from > to) {
      this.customError = this.l.t('results.customOrder');
    } else {
      this.customError = null;
      this.range = { from, to };
      return;
    }
    void this.focusAfterUpdate.request(!from ? '#custom-from' : !to || from > to ? '#custom-to' : '#custom-from');
  }

  // ------------------------------------------------------------------ render helpers

  private text(value: LocalizedText): string {
    return value[this.l.lang] || value.vi;
  }

  private ratingLabel(r: Rating): string {
    return this.l.t(`rating.${r}`);
  }

  override render(): TemplateResult {
    let body: unknown;
    if (this.view === 'results') body = this.renderResults();
    else if (this.mode === 'button') body = this.renderButtonMode();
    else body = this.renderFormView();
    return html`<div class="dvc-root" part="base" lang=${this.l.lang}>
      ${body} ${this.announcer.render()}
    </div>`;
  }

  private renderButtonMode(): TemplateResult {
    const pending = this.pendingCount;
    return html`
      <button
        type="button"
        class="dvc-button open-button"
        part="open-button"
        aria-haspopup="dialog"
        @click=${() => void this.openDialog()}
      >
        ${this.l.t('open')}
      </button>
      ${pending > 0 && !this.dialogOpen ? html`<p class="muted">${this.l.t('queued.pending', { count: pending })}</p>` : nothing}
      <dialog part="dialog" aria-labelledby="title" @close=${this.onDialogClose}>
        <div class="dialog-bar">
          <button type="button" class="close" aria-label=${this.l.t('dialogClose')} @click=${() => this.close()}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <div class="dialog-body">
          ${this.dialogOpen ? this.renderFormView() : nothing} ${this.announcer.render('dialog')}
        </div>
      </dialog>
    `;
  }

  private renderFormView(): TemplateResult {
    const definition = this.definition;
    const title = definition ? this.text(definition.title) : this.l.t('title');
    const pending = this.pendingCount;
    return html`<section class="stack" aria-labelledby="title">
      <h2 id="title">${title}</h2>
      ${pending > 0 && this.step !== 'queued'
        ? html`<p class="dvc-alert dvc-alert--info" id="pending-note">${this.l.t('queued.pending', { count: pending })}</p>`
        : nothing}
      ${this.surveyTask.render({
        pending: () => (definition ? this.renderStep(definition) : this.renderLoading(this.l.t('load.loading'))),
        complete: (d) => (d ? this.renderStep(d) : nothing),
        error: (error) =>
          html`<div class="dvc-alert dvc-alert--danger stack" id="load-error">
            <p><strong>${this.l.t('load.surveyError')}</strong> ${this.l.errorMessage(error)}</p>
            <div class="actions">
              <button type="button" class="dvc-button" part="submit" @click=${() => void this.surveyTask.run()}>
                ${this.l.t('core:action.retry')}
              </button>
            </div>
          </div>`,
      })}
    </section>`;
  }

  private renderLoading(label: string): TemplateResult {
    return html`<p class="loading" role="status"><span class="dvc-spinner" aria-hidden="true"></span>${label}</p>`;
  }

  private renderStep(definition: SurveyDefinition): TemplateResult {
    const pending = this.pendingCount;
    switch (this.step) {
      case 'code':
        return this.renderCodeStep(definition);
      case 'questions':
        return this.renderQuestions(definition);
      case 'review':
        return this.renderReview(definition);
      case 'done':
        return this.renderDone();
      case 'queued':
        return this.renderQueued(pending);
      case 'conflict':
        return this.renderConflict();
    }
  }

  private stepOf(current: number): TemplateResult {
    return html`<p class="step-of">${this.l.t('stepOf', { current, total: 3 })}</p>`;
  }

  private renderCodeStep(definition: SurveyDefinition): TemplateResult {
    const checking = this.eligibilityTask.status === TaskStatus.PENDING;
    const error = this.checkError;
    const describedBy = ['code-hint', this.codeError ? 'code-error' : ''].filter(Boolean).join(' ');
    const onSubmit = (e: Event) => {
      e.preventDefault();
      // The button stays focusable while the check runs (aria-disabled): pressing it again does nothing.
      if (!checking) void this.checkCode();
    };
    return html`<form class="stack" novalidate @submit=${onSubmit}>
      <div>
        ${this.stepOf(1)}
        <h3 id="step-heading" tabindex="-1">${this.l.t('code.heading')}</h3>
      </div>
      ${definition.description ? html`<p>${this.text(definition.description)}</p>` : nothing}
      <p>${this.l.t('code.intro')}</p>
      ${definition.basis ? html`<p class="muted">${this.l.t('basis', { basis: definition.basis })}</p>` : nothing}
      <div class="field">
        <label class="dvc-label" for="code">${this.l.t('code.label')}</label>
        <span class="dvc-hint" id="code-hint">${this.l.t('code.hint')}</span>
        ${this.codeError ? html`<span class="dvc-field-error" id="code-error">${this.codeError}</span>` : nothing}
        <input
          id="code"
          class="dvc-input"
          name="dossierCode"
          type="text"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          inputmode="text"
          aria-describedby=${describedBy}
          aria-invalid=${this.codeError ? 'true' : 'false'}
          .value=${this.codeInput}
          @input=${(e: Event) => {
            this.codeInput = (e.target as HTMLInputElement).value;
          }}
        />
      </div>
      ${checking ? this.renderLoading(this.l.t('code.checking')) : nothing}
      ${error
        ? html`<div class="dvc-alert dvc-alert--danger" id="check-error" tabindex="-1">
            <p>${this.l.errorMessage(error)}</p>
            ${this.countdown.active ? html`<p>${this.l.t('core:status.retryIn', { count: this.countdown.remaining })}</p>` : nothing}
          </div>`
        : nothing}
      <div class="actions">
        <!-- aria-disabled while checking, not disabled: the pressed button keeps focus (WCAG 2.4.3). -->
        <button
          type="submit"
          class="dvc-button"
          part="submit"
          aria-disabled=${checking ? 'true' : 'false'}
          ?disabled=${this.countdown.active}
        >
          ${error && !(error instanceof RateLimitedError) ? this.l.t('core:action.retry') : this.l.t('code.submit')}
        </button>
      </div>
    </form>`;
  }

  private renderQuestions(definition: SurveyDefinition): TemplateResult {
    const missing = this.showErrors ? this.missingAnswers() : [];
    const max = definition.commentMaxLength;
    const length = this.commentLength();
    const over = length > max;
    const commentError = this.showErrors && over;
    const eligibility = this.eligibility!;
    const problems = [
      ...missing.map((c) => ({
        href: `#q-${c.id}-0`,
        text: this.l.t('questions.required', { criterion: this.text(c.label) }),
      })),
      ...(commentError ? [{ href: '#comment', text: this.l.t('questions.commentTooLong', { max }) }] : []),
    ];
    return html`<form class="stack" novalidate @submit=${this.onQuestionsSubmit}>
      <div>
        ${this.stepOf(2)}
        <h3 id="step-heading" tabindex="-1">${this.l.t('questions.heading')}</h3>
      </div>
      <p>
        <strong>${this.l.t('code.dossierFor', { code: eligibility.dossierCode })}</strong>
        ${eligibility.procedureName && eligibility.agencyName
          ? html`<br />${this.l.t('code.procedureAt', { procedure: eligibility.procedureName, agency: eligibility.agencyName })}`
          : nothing}
      </p>
      ${this.draftRestored ? html`<p class="dvc-alert dvc-alert--info">${this.l.t('code.draftRestored')}</p>` : nothing}
      ${problems.length
        ? html`<div class="error-summary" part="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
            <h4 id="error-summary-title">${this.l.t('errorSummary.title')}</h4>
            <ul>
              ${problems.map(
                (p) => html`<li>
                  <a href=${p.href} @click=${(e: Event) => this.followErrorLink(e, p.href)}>${p.text}</a>
                </li>`,
              )}
            </ul>
          </div>`
        : nothing}
      <p>${this.l.t('questions.intro')}</p>
      ${definition.criteria.map((c) => {
        const invalid = missing.includes(c);
        const helpId = c.help ? `q-${c.id}-help` : '';
        const errorId = invalid ? `q-${c.id}-error` : '';
        return html`<fieldset
          class="criterion"
          part="criterion"
          id="q-${c.id}"
          ?data-invalid=${invalid}
          aria-describedby=${[helpId, errorId].filter(Boolean).join(' ') || nothing}
        >
          <legend>
            ${this.text(c.label)}
            ${c.required ? nothing : html`<span class="optional">${this.l.t('questions.optional')}</span>`}
          </legend>
          ${c.help ? html`<p class="dvc-hint" id=${helpId}>${this.text(c.help)}</p>` : nothing}
          ${invalid
            ? html`<p class="dvc-field-error" id=${errorId}>
                ${this.l.t('questions.required', { criterion: this.text(c.label) })}
              </p>`
            : nothing}
          <div class="scale">
            ${definition.scale.map(
              (r, i) => html`<label class="choice">
                <input
                  type="radio"
                  id="q-${c.id}-${i}"
                  name=${c.id}
                  value=${r}
                  ?required=${c.required}
                  .checked=${this.answers[c.id] === r}
                  @change=${() => this.setAnswer(c.id, r)}
                />
                ${this.ratingLabel(r)}
              </label>`,
            )}
          </div>
        </fieldset>`;
      })}
      <div class="field">
        <label class="dvc-label" for="comment">${this.l.t('questions.commentLabel')}</label>
        <span class="dvc-hint" id="comment-hint">${this.l.t('questions.commentHint', { max })}</span>
        ${commentError
          ? html`<span class="dvc-field-error" id="comment-error">${this.l.t('questions.commentTooLong', { max })}</span>`
          : nothing}
        <textarea
          id="comment"
          class="dvc-textarea"
          name="comment"
          rows="4"
          aria-describedby=${['comment-hint', commentError ? 'comment-error' : '', 'comment-count'].filter(Boolean).join(' ')}
          aria-invalid=${commentError ? 'true' : 'false'}
          .value=${this.comment}
          @input=${this.onCommentInput}
        ></textarea>
        <span class="counter" id="comment-count" ?data-over=${over}>
          ${over
            ? this.l.t('questions.over', { count: length - max })
            : this.l.t('questions.remaining', { count: max - length })}
        </span>
      </div>
      <div class="actions">
        <button type="submit" class="dvc-button" part="submit">${this.l.t('questions.next')}</button>
        <button type="button" class="dvc-button dvc-button--secondary" @click=${() => void this.goTo('code')}>
          ${this.l.t('questions.back')}
        </button>
      </div>
    </form>`;
  }

  private followErrorLink(e: Event, href: string): void {
    // Fragment links do not cross the shadow root; move focus ourselves (GOV.UK: to the first input of the group).
    e.preventDefault();
    const target = this.renderRoot.querySelector<HTMLElement>(href);
    target?.scrollIntoView?.({ block: 'center' });
    target?.focus();
  }

  private setAnswer(id: string, rating: Rating): void {
    this.answers = { ...this.answers, [id]: rating };
    this.saveDraft();
  }

  private readonly onCommentInput = (e: Event): void => {
    this.comment = (e.target as HTMLTextAreaElement).value;
    this.saveDraft();
    const max = this.definition?.commentMaxLength ?? 0;
    const remaining = max - this.commentLength();
    // Near the limit (last 20 %) the count is announced politely once typing pauses, not on
    // every key, so a screen reader is not interrupted letter by letter (GOV.UK character count).
    clearTimeout(this.announceTimer);
    if (remaining > max * 0.2) {
      this.lastCountAnnounced = null;
      return;
    }
    this.announceTimer = setTimeout(() => {
      if (this.lastCountAnnounced === remaining) return;
      this.lastCountAnnounced = remaining;
      this.announce(
        remaining >= 0
          ? this.l.t('questions.remaining', { count: remaining })
          : this.l.t('questions.over', { count: -remaining }),
      );
    }, 800);
  };

  private renderReview(definition: SurveyDefinition): TemplateResult {
    const submitting = this.submitTask.status === TaskStatus.PENDING;
    const error = this.submitError;
    const comment = this.comment.trim();
    return html`<div class="stack">
      <div>
        ${this.stepOf(3)}
        <h3 id="step-heading" tabindex="-1">${this.l.t('review.heading')}</h3>
      </div>
      <p>${this.l.t('review.intro')}</p>
      <dl class="answers">
        <dt>${this.l.t('review.dossier')}</dt>
        <dd>${this.eligibility?.dossierCode}</dd>
        ${definition.criteria.map(
          (c) => html`<dt>${this.text(c.label)}</dt>
            <dd>${this.answers[c.id] ? this.ratingLabel(this.answers[c.id]!) : this.l.t('review.notAnswered')}</dd>`,
        )}
        <dt>${this.l.t('review.comment')}</dt>
        <dd class="comment">${comment || this.l.t('review.noComment')}</dd>
      </dl>
      ${error
        ? html`<div class="dvc-alert dvc-alert--danger" id="submit-error" tabindex="-1" role="alert">
            <p><strong>${this.l.t('submitError.heading')}</strong></p>
            <p>
              ${error instanceof ApiError && error.status === 422
                ? this.l.t('submitError.unprocessable')
                : this.l.errorMessage(error)}
              ${this.l.t('submitError.keep')}
            </p>
            ${this.countdown.active ? html`<p>${this.l.t('submitError.countdown', { count: this.countdown.remaining })}</p>` : nothing}
          </div>`
        : nothing}
      ${submitting ? this.renderLoading(this.l.t('review.submitting')) : nothing}
      <div class="actions">
        <!-- aria-disabled while sending, not disabled: the pressed button keeps focus (WCAG 2.4.3);
             submit() ignores it meanwhile. -->
        <button
          type="button"
          class="dvc-button"
          part="submit"
          aria-disabled=${submitting ? 'true' : 'false'}
          ?disabled=${this.countdown.active}
          @click=${() => void this.submit()}
        >
          ${error && !this.countdown.active ? this.l.t('core:action.retry') : this.l.t('review.submit')}
        </button>
        <button
          type="button"
          class="dvc-button dvc-button--secondary"
          ?disabled=${submitting}
          @click=${() => void this.goTo('questions')}
        >
          ${this.l.t('review.change')}
        </button>
      </div>
    </div>`;
  }

  private renderAnother(): TemplateResult {
    return html`<div class="actions">
      <button
        type="button"
        class="dvc-button dvc-button--secondary"
        @click=${() => {
          this.reset('');
          void this.goTo('code');
        }}
      >
        ${this.l.t('done.another')}
      </button>
    </div>`;
  }

  private renderDone(): TemplateResult {
    const receipt = this.receipt!;
    return html`<div class="stack">
      <h3 id="step-heading" tabindex="-1">${this.l.t('done.heading')}</h3>
      <div class="dvc-alert dvc-alert--success stack">
        <p>
          ${this.deliveredLater
            ? this.l.t('done.deliveredLater', { code: receipt.dossierCode, reference: receipt.reference })
            : this.l.t('done.body', { code: receipt.dossierCode })}
        </p>
        <p>
          ${this.l.t('done.reference')}:<br />
          <span class="reference" part="reference">${receipt.reference}</span>
        </p>
        <p class="muted">${this.l.formatDateTime(receipt.submittedAt)}</p>
      </div>
      ${this.renderAnother()}
    </div>`;
  }

  private renderQueued(pending: number): TemplateResult {
    const code = this.eligibility?.dossierCode ?? '';
    return html`<div class="stack">
      <h3 id="step-heading" tabindex="-1">${this.l.t('queued.heading')}</h3>
      <div class="dvc-alert dvc-alert--warning stack">
        <p>${this.l.t('queued.body', { code })}</p>
        ${pending > 0 ? html`<p>${this.l.t('queued.pending', { count: pending })}</p>` : nothing}
      </div>
      <div class="actions">
        <button type="button" class="dvc-button" part="submit" @click=${() => void this.outboxController.flush()}>
          ${this.l.t('queued.retryNow')}
        </button>
      </div>
    </div>`;
  }

  private renderConflict(): TemplateResult {
    return html`<div class="stack">
      <h3 id="step-heading" tabindex="-1">${this.l.t('conflict.heading')}</h3>
      <p class="dvc-alert dvc-alert--info">${this.l.t('conflict.body', { code: this.conflictCode })}</p>
      ${this.renderAnother()}
    </div>`;
  }

  // ------------------------------------------------------------------ results view

  private renderResults(): TemplateResult {
    const periods: ResultsPeriod[] = ['last30', 'quarter', 'year', 'custom'];
    return html`<section class="stack" aria-labelledby="results-heading">
      <h2 id="results-heading">${this.l.t('results.heading')}</h2>
      <p>${this.l.t('results.intro')}</p>
      <fieldset class="period">
        <legend>${this.l.t('results.period')}</legend>
        <div class="scale">
          ${periods.map(
            (p) => html`<label class="choice">
              <input
                type="radio"
                name="period"
                value=${p}
                .checked=${this.period === p}
                @change=${() => this.onPeriodChange(p)}
              />
              ${this.l.t(`results.${p}`)}
            </label>`,
          )}
        </div>
        ${this.period === 'custom' ? this.renderCustomRange() : nothing}
      </fieldset>
      ${this.resultsTask.render({
        pending: () => this.renderLoading(this.l.t('results.loading')),
        complete: (r) => (r ? this.renderFigures(r) : nothing),
        error: (error) => html`<div class="dvc-alert dvc-alert--danger stack" id="results-error">
          <p><strong>${this.l.t('results.error')}</strong> ${this.l.errorMessage(error)}</p>
          <div class="actions">
            <button type="button" class="dvc-button" @click=${() => void this.resultsTask.run()}>
              ${this.l.t('core:action.retry')}
            </button>
          </div>
        </div>`,
      })}
    </section>`;
  }

  private renderCustomRange(): TemplateResult {
    const invalid = Boolean(this.customError);
    const describedBy = invalid ? 'custom-error' : nothing;
    return html`<form class="custom" novalidate @submit=${this.applyCustom}>
      ${invalid ? html`<p class="dvc-field-error custom-error" id="custom-error">${this.customError}</p>` : nothing}
      <div class="field">
        <label class="dvc-label" for="custom-from">${this.l.t('results.from')}</label>
        <input
          id="custom-from"
          class="dvc-input"
          type="date"
          max=${vnToday(now())}
          aria-describedby=${describedBy}
          aria-invalid=${invalid && (!this.customFrom || this.customFrom > this.customTo) ? 'true' : 'false'}
          .value=${this.customFrom}
          @input=${(e: Event) => (this.customFrom = (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label class="dvc-label" for="custom-to">${this.l.t('results.to')}</label>
        <input
          id="custom-to"
          class="dvc-input"
          type="date"
          max=${vnToday(now())}
          aria-describedby=${describedBy}
          aria-invalid=${invalid && (!this.customTo || this.customFrom > this.customTo) ? 'true' : 'false'}
          .value=${this.customTo}
          @input=${(e: Event) => (this.customTo = (e.target as HTMLInputElement).value)}
        />
      </div>
      <button type="submit" class="dvc-button">${this.l.t('results.apply')}</button>
    </form>`;
  }

  private shareText(share: number | null): string {
    return share === null ? this.l.t('results.noAnswers') : this.l.formatPercent(share);
  }

  private renderFigures(results: SurveyResults): TemplateResult {
    const range = this.l.t('results.range', {
      from: this.l.formatDate(results.from),
      to: this.l.formatDate(results.to),
    });
    const overall = results.overall;
    return html`<div class="stack">
      <p class="muted">${range} · ${this.l.t('results.responses', { count: results.responses })}</p>
      ${results.responses === 0
        ? html`<p class="dvc-alert dvc-alert--info" id="results-empty">${this.l.t('results.empty')}</p>`
        : html`
            <div class="overall">
              <span>${this.l.t('results.overall')}:</span>
              <strong>${this.shareText(overall.satisfiedShare)}</strong>
            </div>
            ${this.renderChart(results, range)} ${this.renderTable(results, range)}
          `}
    </div>`;
  }

  private renderChart(results: SurveyResults, range: string): TemplateResult {
    const rows = [
      ...results.criteria.map((c) => ({ label: this.text(c.label), share: c.satisfiedShare })),
      { label: this.l.t('results.total'), share: results.overall.satisfiedShare },
    ];
    const LINE = 1.3;
    const BAR = 1.4;
    const GAP = 0.9;
    const BAR_MAX = 78; // % of the width; the rest holds the value label
    let y = 0;
    const parts = rows.map((row) => {
      const lines = wrapLabel(row.label);
      const labelTop = y;
      y += lines.length * LINE + 0.5;
      const barY = y;
      y += BAR + GAP;
      const width = row.share === null ? 0 : row.share * BAR_MAX;
      return svg`<g>
        <text class="label" y="${labelTop}em">
          ${lines.map((line) => svg`<tspan x="0" dy="${LINE}em">${line}</tspan>`)}
        </text>
        <rect class="track" x="0" y="${barY}em" width="${BAR_MAX}%" height="${BAR}em" rx="2"></rect>
        ${width > 0 ? svg`<rect class="bar" x="0" y="${barY}em" width="${width}%" height="${BAR}em" rx="2"></rect>` : nothing}
        <text class="value" x="${BAR_MAX + 2}%" y="${barY + BAR * 0.75}em">${this.shareText(row.share)}</text>
      </g>`;
    });
    const items = rows
      .map((row) => this.l.t('results.chartItem', { criterion: row.label, share: this.shareText(row.share) }))
      .join(' ');
    // role="img" with a title and a description: the chart is one image to assistive technology,
    // described in words; the table below carries the same figures for anyone who needs them.
    return html`<figure>
      <svg
        class="chart"
        part="chart"
        role="img"
        aria-labelledby="chart-title"
        aria-describedby="chart-desc"
        width="100%"
        height="${y}em"
      >
        <title id="chart-title">${this.l.t('results.chartTitle', { range })}</title>
        <desc id="chart-desc">${this.l.t('results.chartDesc', { items })}</desc>
        ${parts}
      </svg>
    </figure>`;
  }

  private renderTable(results: SurveyResults, range: string): TemplateResult {
    const scale: Rating[] = ['very_satisfied', 'satisfied', 'dissatisfied'];
    const n = (value: number) => this.l.formatNumber(value);
    // A scrolling region on narrow screens: focusable and named, so keyboard users can scroll it.
    return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="table-caption">
      <table part="table">
        <caption id="table-caption">
          ${this.l.t('results.tableCaption', { range })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.l.t('results.criterion')}</th>
            ${scale.map((r) => html`<th scope="col">${this.ratingLabel(r)}</th>`)}
            <th scope="col">${this.l.t('results.satisfiedShare')}</th>
          </tr>
        </thead>
        <tbody>
          ${results.criteria.map(
            (c) => html`<tr>
              <th scope="row">${this.text(c.label)}</th>
              ${scale.map((r) => html`<td>${n(c.counts[r])}</td>`)}
              <td>${this.shareText(c.satisfiedShare)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${this.l.t('results.total')}</th>
            ${scale.map((r) => html`<td>${n(results.overall.counts[r])}</td>`)}
            <td>${this.shareText(results.overall.satisfiedShare)}</td>
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.focusDialogTarget();
    if (changed.has('range') && changed.get('range') !== undefined && this.view === 'results') {
      // Tell screen-reader users the figures changed after they picked another period.
      void this.resultsTask.taskComplete.then(
        (r) => {
          if (r) {
            const range = this.l.t('results.range', { from: this.l.formatDate(r.from), to: this.l.formatDate(r.to) });
            this.announce(this.l.t('results.updated', { range }));
          }
        },
        () => undefined,
      );
    }
  }
}
