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
    inProgress: 'Yêu cầu của bạn đang được xử lý. Vui lòng chờ giây lát rồi thử lại, không cần nhập lại thông tin.',
    inProgressSeconds_other: 'Yêu cầu của bạn đang được xử lý. Vui lòng chờ {{seconds}} giây rồi thử lại, không cần nhập lại thông tin.',
    misconfigured: 'Dịch vụ này chưa được thiết lập đúng trên trang này nên tạm thời chưa sử dụng được.',
    refusedOrigin: 'Trang này chưa được phép gửi thông tin tới hệ thống dịch vụ công nên yêu cầu của bạn chưa được gửi đi.',
    refused: 'Hệ thống không chấp nhận yêu cầu này.',
    refusedServer: 'Hệ thống không xử lý được yêu cầu này dù đã thử nhiều lần.',
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
    copy: 'Sao chép nội dung',
    dismiss: 'Xoá khỏi thiết bị',
    sendAgain: 'Gửi lại',
  },
  /** The way forward when the service cannot help (errorMessageKey's `help`). */
  contact: {
    call: 'Vui lòng gọi số {{phone}} để được hỗ trợ.',
    callNamed: 'Vui lòng gọi {{name}} theo số {{phone}} để được hỗ trợ.',
    visit: 'Vui lòng liên hệ trực tiếp cơ quan giải quyết thủ tục để được hỗ trợ.',
  },
  status: {
    loading: 'Đang tải…',
    offlineCopy: 'Không có kết nối mạng. Đang hiển thị dữ liệu đã lưu lúc {{time}}.',
    retryIn_other: 'Có thể thử lại sau {{count}} giây.',
    inputKept: 'Thông tin bạn đã nhập vẫn được giữ nguyên.',
  },
  outbox: {
    saved: 'Đã lưu. Sẽ tự động gửi khi có kết nối mạng.',
    pending_other: '{{count}} mục đã lưu, đang chờ gửi.',
    delivered: 'Đã gửi thành công các mục đã lưu.',
    rejected: 'Một mục đã lưu không được chấp nhận: {{reason}}',
    undeliverable_other: '{{count}} mục đã lưu không gửi được. Nội dung vẫn được giữ trên thiết bị này để bạn xem lại hoặc sao chép.',
    gaveUp: 'Đã thử gửi nhiều lần không thành công nên việc tự động gửi đã dừng.',
  },
};
