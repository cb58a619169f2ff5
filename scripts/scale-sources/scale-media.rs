//! Images: a bar chart of a project's metrics, encoded in every format the image crate writes, decoded again
//! and resized.
use std::io::Cursor;

use image::codecs::pnm::{PnmSubtype, SampleEncoding};
use image::imageops::FilterType;
use image::{DynamicImage, ImageBuffer, ImageError, ImageFormat, ImageOutputFormat, Rgb, RgbImage};
use scale_core::Project;

pub fn render_chart(project: &Project, width: u32, height: u32) -> RgbImage {
    let values: Vec<f64> = project.metrics.values().copied().collect();
    let max = values.iter().copied().fold(1.0, f64::max);
    ImageBuffer::from_fn(width, height, |x, y| {
        let value = values[(x as usize * values.len()) / width as usize];
        let bar = (value / max * f64::from(height)) as u32;
        if height - y <= bar {
            Rgb([30, 120, 200])
        } else {
            Rgb([250, 250, 250])
        }
    })
}

/// Every format the image crate writes, by file extension.
fn output_formats() -> Vec<(&'static str, ImageOutputFormat)> {
    let pixmap = PnmSubtype::Pixmap(SampleEncoding::Binary);
    vec![
        ("png", ImageOutputFormat::Png),
        ("jpg", ImageOutputFormat::Jpeg(85)),
        ("gif", ImageOutputFormat::Gif),
        ("bmp", ImageOutputFormat::Bmp),
        ("ico", ImageOutputFormat::Ico),
        ("tga", ImageOutputFormat::Tga),
        ("tif", ImageOutputFormat::Tiff),
        ("ff", ImageOutputFormat::Farbfeld),
        ("ppm", ImageOutputFormat::Pnm(pixmap)),
    ]
}

/// Encodes the chart in every format, decodes each encoding; returns (extension, bytes, decoded width).
pub fn encode_all(chart: &RgbImage) -> image::ImageResult<Vec<(&'static str, usize, u32)>> {
    let rgb = DynamicImage::ImageRgb8(chart.clone());
    let rgba = DynamicImage::ImageRgba8(rgb.to_rgba8());
    let rgba16 = DynamicImage::ImageRgba16(rgb.to_rgba16());
    output_formats()
        .into_iter()
        .map(|(extension, format)| {
            // ICO embeds a PNG that must be RGBA, and farbfeld is 16-bit RGBA.
            let source = match extension {
                "ico" => &rgba,
                "ff" => &rgba16,
                _ => &rgb,
            };
            let mut bytes = Cursor::new(Vec::new());
            source.write_to(&mut bytes, format)?;
            let bytes = bytes.into_inner();
            let known = ImageFormat::from_extension(extension);
            let decoded = match known {
                Some(format) => image::load_from_memory_with_format(&bytes, format)?,
                None => return Err(ImageError::IoError(std::io::Error::other(extension))),
            };
            Ok((extension, bytes.len(), decoded.width()))
        })
        .collect()
}

/// A thumbnail: resized, blurred and in greyscale; returns its mean brightness.
pub fn thumbnail_brightness(chart: &RgbImage) -> f64 {
    let image = DynamicImage::ImageRgb8(chart.clone())
        .resize(32, 32, FilterType::Lanczos3)
        .blur(1.0)
        .grayscale();
    let luma = image.to_luma8();
    luma.pixels().map(|pixel| f64::from(pixel.0[0])).sum::<f64>() / luma.pixels().len().max(1) as f64
}
