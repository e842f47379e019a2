//! The pure core of Phường Kiểu Mẫu: catalogue, units, assessments, versions, bundles, merge
//! and figures. It lands with the core issue; the workspace already reserves its place.
