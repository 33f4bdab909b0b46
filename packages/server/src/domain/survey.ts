import type { Rating, SurveyDefinition } from '@dvc-widgets/contract';

export const OFFICIAL_SURVEY_ID = 'mot-cua';

/** One stored survey answer set, tied to a returned dossier (one per dossier). */
export interface SurveyResponseRecord {
  surveyId: string;
  dossierCode: string;
  agencyCode: string;
  submittedAt: string;
  answers: { criterion: string; rating: Rating }[];
  comment: string | null;
}

/**
 * The official one-stop survey: the nine criteria of the Circular 01/2018/TT-VPCP scoring tool,
 * asked on the citizen-facing 3-level scale. Criterion 9 (online service) only applies to
 * dossiers submitted online, so it is optional.
 */
export const OFFICIAL_SURVEY: SurveyDefinition = {
  id: OFFICIAL_SURVEY_ID,
  title: {
    vi: 'Đánh giá mức độ hài lòng về giải quyết thủ tục hành chính',
    en: 'Satisfaction with how your administrative procedure was handled',
  },
  description: {
    vi: 'Ý kiến của ông/bà giúp cơ quan nâng cao chất lượng phục vụ. Mỗi hồ sơ được đánh giá một lần.',
    en: 'Your opinion helps the agency serve better. Each dossier can be rated once.',
  },
  basis: 'Thông tư 01/2018/TT-VPCP',
  scale: ['very_satisfied', 'satisfied', 'dissatisfied'],
  criteria: [
    {
      id: 'processing_time',
      label: { vi: 'Tổng thời gian giải quyết so với thời gian quy định', en: 'Total processing time against the legal limit' },
      help: { vi: 'Hồ sơ được trả kết quả sớm, đúng hay trễ hẹn.', en: 'Whether the result came early, on time or late.' },
      required: true,
    },
    {
      id: 'unit_time',
      label: {
        vi: 'Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết',
        en: 'Time taken by each unit that took part',
      },
      help: null,
      required: true,
    },
    {
      id: 'contacts',
      label: { vi: 'Số lần phải liên hệ để hoàn thiện hồ sơ', en: 'Number of contacts needed to complete the dossier' },
      help: { vi: 'Càng ít lần đi lại, bổ sung càng tốt.', en: 'The fewer trips and supplements, the better.' },
      required: true,
    },
    {
      id: 'agencies_contacted',
      label: { vi: 'Số cơ quan, đơn vị phải liên hệ', en: 'Number of agencies you had to contact' },
      help: null,
      required: true,
    },
    {
      id: 'one_stop',
      label: {
        vi: 'Tiếp nhận, giải quyết và trả kết quả tại Bộ phận Một cửa',
        en: 'Received, settled and returned at the one-stop counter',
      },
      help: null,
      required: true,
    },
    {
      id: 'publication',
      label: { vi: 'Công khai thủ tục hành chính', en: 'Publication of the procedure' },
      help: { vi: 'Thông tin về hồ sơ, phí, thời hạn có đầy đủ, dễ tìm không.', en: 'Whether documents, fees and time limits were published and easy to find.' },
      required: true,
    },
    {
      id: 'attitude',
      label: { vi: 'Thái độ của cán bộ, công chức, viên chức', en: 'Attitude of the officials' },
      help: null,
      required: true,
    },
    {
      id: 'feedback',
      label: { vi: 'Tiếp nhận, xử lý phản ánh, kiến nghị', en: 'Handling of feedback and complaints' },
      help: null,
      required: true,
    },
    {
      id: 'online_service',
      label: {
        vi: 'Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến',
        en: 'Progress and quality of the online service',
      },
      help: { vi: 'Chỉ đánh giá nếu ông/bà nộp hồ sơ trực tuyến.', en: 'Only if you submitted online.' },
      required: false,
    },
  ],
  commentMaxLength: 1000,
  requiresDossier: true,
};
