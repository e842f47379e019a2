//! Downscaling a photo in the browser before it is stored: the browser decodes it
//! (`createImageBitmap`, which also applies the photo's EXIF orientation), draws it at the new
//! size on an `OffscreenCanvas`, and encodes it as JPEG. No image code ships in the wasm.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The JPEG quality of a downscaled photo: documents and premises stay legible, a 2,000 px photo
/// is a few hundred KB.
pub const JPEG_QUALITY: f64 = 0.85;

fn text(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .unwrap_or_else(|| format!("{error:?}"))
}

/// The bytes of `blob`.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(text)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A `Blob` of `bytes` with the media type `mime`.
pub fn blob_of(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(text)
}

/// The image in `bytes` (of type `mime`) as a JPEG whose longest side is `longest` pixels, or
/// `None` when it is not larger than that already (then it is stored as it came).
pub async fn downscale(bytes: &[u8], mime: &str, longest: u32) -> Result<Option<Vec<u8>>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let blob = blob_of(bytes, mime)?;
    let promise = window.create_image_bitmap_with_blob(&blob).map_err(text)?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(promise)
        .await
        .map_err(text)?
        .unchecked_into();
    let (width, height) = (bitmap.width(), bitmap.height());
    let side = width.max(height);
    if side <= longest || side == 0 {
        bitmap.close();
        return Ok(None);
    }
    let scale = f64::from(longest) / f64::from(side);
    let new_width = ((f64::from(width) * scale).round() as u32).max(1);
    let new_height = ((f64::from(height) * scale).round() as u32).max(1);
    let canvas = web_sys::OffscreenCanvas::new(new_width, new_height).map_err(text)?;
    let context: web_sys::OffscreenCanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(text)?
        .ok_or("no 2d context")?
        .unchecked_into();
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(
            &bitmap,
            0.0,
            0.0,
            f64::from(new_width),
            f64::from(new_height),
        )
        .map_err(text)?;
    bitmap.close();
    let options = web_sys::ImageEncodeOptions::new();
    options.set_type("image/jpeg");
    options.set_quality(JPEG_QUALITY);
    let encoded = canvas
        .convert_to_blob_with_options(&options)
        .map_err(text)?;
    let jpeg: web_sys::Blob = JsFuture::from(encoded)
        .await
        .map_err(text)?
        .unchecked_into();
    blob_bytes(&jpeg).await.map(Some)
}
