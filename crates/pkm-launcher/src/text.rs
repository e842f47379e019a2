//! Everything the launcher prints, in Vietnamese first and then in English (the officers read the
//! first; the province's IT staff may need the second).

use crate::version;

/// Printed once the app is served: where, and how to stop.
pub fn running(url: &str) -> String {
    format!(
        "Phường Kiểu Mẫu {version}\n\
         \n\
         Ứng dụng đang chạy tại: {url}\n\
         Mở địa chỉ này bằng trình duyệt (Chrome, Edge hoặc Cốc Cốc). Để cửa sổ này mở trong lúc\n\
         làm việc; đóng cửa sổ hoặc nhấn Ctrl+C để dừng. Dữ liệu được lưu trong trình duyệt của máy\n\
         này, gắn với đúng địa chỉ trên: lần sau chạy lại chương trình này là thấy lại dữ liệu.\n\
         \n\
         The app is running at: {url}\n\
         Open this address in a browser (Chrome, Edge or Cốc Cốc). Keep this window open while you\n\
         work; close it or press Ctrl+C to stop. The data is kept in this computer's browser, under\n\
         exactly this address: run this program again and the data is there.",
        version = version()
    )
}

/// Printed when another copy of the launcher already serves the address.
pub fn already_running(url: &str, other_version: &str) -> String {
    format!(
        "Phường Kiểu Mẫu đã đang chạy tại {url} (một cửa sổ khác, phiên bản {other_version}).\n\
         Hãy dùng cửa sổ đó; không cần chạy thêm lần nữa.\n\
         Phường Kiểu Mẫu is already running at {url} (another window, version {other_version}).\n\
         Use that one; there is no need to start it again."
    )
}

/// Printed when another program holds the port.
pub fn port_taken(url: &str, port: u16) -> String {
    format!(
        "Không mở được ứng dụng tại {url}: cổng {port} đang bị một chương trình khác dùng.\n\
         Hãy tắt chương trình đó (hoặc khởi động lại máy) rồi chạy lại. Đừng đổi sang cổng khác:\n\
         địa chỉ khác thì trình duyệt coi là ứng dụng khác và không thấy dữ liệu đã lưu.\n\
         Cannot serve the app at {url}: port {port} is used by another program.\n\
         Close that program (or restart the computer) and run this again. Do not move to another\n\
         port: the browser keeps data per address, and would not show the data saved so far."
    )
}

/// Printed when the system refuses the port for another reason (on Windows, a reserved range).
pub fn cannot_listen(url: &str, error: &std::io::Error) -> String {
    format!(
        "Không mở được ứng dụng tại {url}: hệ điều hành không cho dùng địa chỉ này ({error}).\n\
         Báo cho cán bộ công nghệ thông tin của Công an tỉnh.\n\
         Cannot serve the app at {url}: the system refuses this address ({error}).\n\
         Tell the provincial police's IT staff."
    )
}

/// Printed when the program was built without the app (a developer's build).
pub const NO_APP: &str = "Bản dựng này không mang ứng dụng (chỉ có một trang giữ chỗ): hãy dùng bản trong tệp phát hành.\n\
     This build carries no app (only a placeholder page): use the one in the release archive.";

/// Printed when the default browser could not be opened.
pub const BROWSER_FAILED: &str = "Không tự mở được trình duyệt: hãy mở địa chỉ trên bằng tay.\n\
     Could not open the browser: open the address above by hand.";

/// Printed before waiting for Enter (Windows, where the window would otherwise close at once).
pub const PRESS_ENTER: &str = "Nhấn Enter để đóng cửa sổ này. / Press Enter to close this window.";

/// The `--help` text.
pub fn usage() -> String {
    format!(
        "phuong-kieu-mau {version}: Phường Kiểu Mẫu cho máy không nối mạng / for laptops that are never online\n\
         \n\
         Chạy ứng dụng tại http://127.0.0.1:{port}/ và mở trình duyệt.\n\
         Serves the app at http://127.0.0.1:{port}/ and opens the browser.\n\
         \n\
         Tùy chọn / Options:\n\
         \x20 --no-browser   không mở trình duyệt / do not open the browser\n\
         \x20 --port N       cổng khác (để kiểm thử; địa chỉ khác là dữ liệu khác) /\n\
         \x20                another port (for tests; another address is other data)\n\
         \x20 --version      in phiên bản / print the version\n\
         \x20 --help         in hướng dẫn này / print this help",
        version = version(),
        port = crate::DEFAULT_PORT
    )
}
