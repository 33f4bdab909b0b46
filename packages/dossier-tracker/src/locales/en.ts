import type vi from './vi.js';

/** Same keys as vi.ts; English adds the `_one` plural forms i18next asks for. */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> } & {
  [plural: `${string}_one`]: string;
};

/** Strings of <dvc-dossier-tracker>, English. Namespace `dossier-tracker`. */
const en: Strings<typeof vi> = {
  title: 'Check the status of your application',
  form: {
    label: 'Application code',
    hint: 'The code printed on your receipt (Giấy tiếp nhận và hẹn trả kết quả). Example: {{example}}',
    submit: 'Check',
    invalid:
      'This code does not look right. It has the agency code, the date and a number, for example: {{example}}',
    empty: 'Please enter your application code. Example: {{example}}',
    remember: 'Remember the codes I check on this device',
  },
  recent: {
    title: 'Applications you have checked',
    recheck: 'Check again:',
    checkedAt: 'seen at {{time}}',
    clear: 'Forget the saved codes',
    cleared: 'The application codes saved on this device were removed.',
  },
  loading: 'Looking up your application…',
  found: 'Application {{code}} found: {{status}}.',
  result: {
    heading: 'Application {{code}}',
    procedure: 'Procedure',
    agency: 'Received by',
    applicant: 'Applicant',
    status: 'Status',
    submittedAt: 'Submitted',
    receivedAt: 'Received',
    dueAt: 'Result due',
    originalDueAt: 'First due date',
    resolvedAt: 'Result ready',
    returnedAt: 'Result handed over',
    phone: 'Phone',
    asOf: 'Information as of {{time}}',
  },
  status: {
    registered: 'Submitted, waiting to be received',
    received: 'Received',
    not_received: 'Not accepted',
    processing: 'Being processed',
    supplement_requested: 'More documents needed',
    financial_obligation: 'Fees to pay',
    withdrawal_requested: 'Withdrawn at your request',
    suspended: 'Processing stopped',
    resolved: 'Result ready to collect',
    returned: 'Result handed over',
  },
  time: {
    daysLeft_one: '{{count}} working day left before the due date',
    daysLeft_other: '{{count}} working days left before the due date',
    dueToday: 'The result is due today',
    overdue_one: 'Late by {{count}} working day',
    overdue_other: 'Late by {{count}} working days',
    paused: 'The clock is paused while the agency waits for your documents',
    progressLabel: 'Processing time used',
    progressText: '{{percent}} of the allowed processing time used ({{days}} working days)',
    progressTextNoDays: '{{percent}} of the allowed processing time used',
    onTime: 'Completed on time',
    late: 'Completed late',
  },
  next: {
    heading: 'What do you need to do?',
    registered: 'Nothing yet. The agency will check and receive your application; please check again later.',
    inProgress: 'Nothing yet. The agency is working on your application; check again before the due date.',
    supplementIntro: 'The agency needs these extra documents from you:',
    bringTo: 'Bring them to: {{place}}',
    requestedAt: 'Requested on {{date}}',
    paymentIntro: 'You need to pay: {{description}}',
    amount: 'Amount: {{amount}}',
    payTo: 'Where to pay: {{place}}',
    resultReady: 'Your result is ready. Please bring your receipt to collect it.',
    resultWhat: 'Result: {{description}}',
    resultWhere: 'Collect at: {{place}}',
    resultWhen: 'From {{time}}, during office hours',
    returned: 'You have received the result. The application is complete.',
    rejectedIntro: 'Reason:',
    notReceived: 'The agency did not accept this application. You can prepare it again and submit a new one.',
    suspended: 'The agency has stopped processing this application.',
    noReason: 'The agency has not recorded a reason. Please contact the office that received it.',
    withdrawn: 'The application was withdrawn at your request. You can submit a new one if you still need it.',
    contact: 'Questions? Contact {{agency}}, phone {{phone}}.',
    contactNoPhone: 'Questions? Contact {{agency}}, {{address}}.',
  },
  apology: {
    heading: 'This application is late',
    intro: 'The agency has sent a letter of apology for the delay.',
    issued: 'Apology letter of {{date}} from {{issuer}}',
    reason: 'Reason for the delay: {{reason}}',
    newDue: 'New due date: {{date}}',
    missing:
      'The due date has passed and no apology letter has been issued yet. You may ask the agency to explain and set a new date.',
  },
  rating: {
    prompt: 'You have received your result. Tell us whether you are satisfied.',
    button: 'Rate',
    fallback: 'You can rate the service at the office that received your application or on the public service portal.',
  },
  timeline: {
    heading: 'Processing history',
  },
  error: {
    notFound: 'No application with code {{code}} was found. Please check the code on your receipt.',
    rateLimited_one: 'Too many lookups. Please wait {{count}} second and try again.',
    rateLimited_other: 'Too many lookups. Please wait {{count}} seconds and try again.',
    rateLimitedNoTime: 'Too many lookups. Please wait a moment and try again.',
    countdown_one: 'You can check again in {{count}} second',
    countdown_other: 'You can check again in {{count}} seconds',
    ready: 'You can check again now.',
    offline: 'You are offline.',
    offlineCached:
      'You are offline. This is what you saw last time, at {{time}}; the status may have changed since.',
    networkCached:
      'Could not reach the lookup service. This is what you saw last time, at {{time}}; the status may have changed since.',
    offlineNone: 'You are offline and this device has no saved information for this application. Please try again when you are online.',
    server: 'The lookup service has a problem. Please try again in a few minutes.',
    network: 'Could not reach the lookup service. Please check your connection and try again.',
    invalidResponse: 'The service sent information we could not read. Please try again later.',
    retry: 'Try again',
  },
};

export default en;
