/** Core strings, Vietnamese (the source language). Namespace `core`. */
export default {
  error: {
    offline: 'Không có kết nối mạng. Vui lòng kiểm tra kết nối rồi thử lại.',
    network: 'Không kết nối được tới máy chủ. Vui lòng thử lại.',
    timeout: 'Máy chủ phản hồi quá lâu. Vui lòng thử lại.',
    server: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.',
    unavailable: 'Hệ thống tạm thời gián đoạn. Vui lòng thử lại sau.',
    rateLimited: 'Bạn đã thao tác quá nhiều lần. Vui lòng thử lại sau ít phút.',
    // Vietnamese has one plural form: only `_other` is needed.
    rateLimitedSeconds_other: 'Bạn đã thao tác quá nhiều lần. Vui lòng thử lại sau {{seconds}} giây.',
    invalidResponse: 'Máy chủ trả về dữ liệu không hợp lệ. Vui lòng thử lại sau.',
    notFound: 'Không tìm thấy thông tin.',
    conflict: 'Yêu cầu trùng với dữ liệu đã có.',
    invalidRequest: 'Thông tin gửi đi chưa hợp lệ. Vui lòng kiểm tra lại.',
    request: 'Không thực hiện được yêu cầu.',
    aborted: 'Yêu cầu đã bị huỷ.',
    unexpected: 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại.',
  },
  action: {
    retry: 'Thử lại',
    close: 'Đóng',
    cancel: 'Huỷ',
  },
  status: {
    loading: 'Đang tải…',
    offlineCopy: 'Không có kết nối mạng. Đang hiển thị dữ liệu đã lưu lúc {{time}}.',
    retryIn_other: 'Có thể thử lại sau {{count}} giây.',
  },
  outbox: {
    saved: 'Đã lưu. Sẽ tự động gửi khi có kết nối mạng.',
    pending_other: '{{count}} mục đã lưu, đang chờ gửi.',
    delivered: 'Đã gửi thành công các mục đã lưu.',
    rejected: 'Một mục đã lưu không được chấp nhận: {{reason}}',
  },
};
