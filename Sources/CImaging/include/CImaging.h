#ifndef TABLAO_CIMAGING_H
#define TABLAO_CIMAGING_H

// Image decoding, resizing and encoding over the system libjpeg-turbo and libpng.
// Every function reports failure through a status; none aborts, exits or prints on bad input.
// Buffers returned through out-parameters are malloc'd and released with the matching free function.

#include <stddef.h>
#include <stdint.h>

/// Largest accepted width × height (100 megapixels): a guard against decompression bombs.
#define CIMAGING_MAX_PIXELS 100000000ULL

/// Capacity of the optional message buffers; longer codec messages are truncated.
#define CIMAGING_MESSAGE_CAPACITY 200

/// Outcome of every fallible call.
typedef enum cimaging_status {
    CIMAGING_OK = 0,
    CIMAGING_ERROR_INVALID_ARGUMENT = 1,
    CIMAGING_ERROR_UNSUPPORTED_FORMAT = 2,
    CIMAGING_ERROR_DECODE = 3,
    CIMAGING_ERROR_TOO_LARGE = 4,
    CIMAGING_ERROR_ENCODE = 5,
    CIMAGING_ERROR_OUT_OF_MEMORY = 6,
} cimaging_status;

/// A container format recognised from its leading bytes.
typedef enum cimaging_format {
    CIMAGING_FORMAT_UNKNOWN = 0,
    CIMAGING_FORMAT_PNG = 1,
    CIMAGING_FORMAT_JPEG = 2,
} cimaging_format;

/// 8-bit RGB pixels, rows top to bottom, `width * 3` bytes per row, owned by the caller once returned.
typedef struct cimaging_image {
    uint8_t *pixels;
    uint32_t width;
    uint32_t height;
} cimaging_image;

/// Sample layout accepted by `cimaging_encode_jpeg`.
typedef enum cimaging_jpeg_color {
    CIMAGING_JPEG_GRAY = 1,
    CIMAGING_JPEG_RGB = 3,
    /// Four samples per pixel, stored inverted (255 = no ink) as Adobe applications write them.
    CIMAGING_JPEG_CMYK = 4,
} cimaging_jpeg_color;

/// PNG colour types accepted by `cimaging_encode_png`.
typedef enum cimaging_png_color {
    CIMAGING_PNG_GRAY = 0,
    CIMAGING_PNG_RGB = 2,
    CIMAGING_PNG_PALETTE = 3,
    CIMAGING_PNG_GRAY_ALPHA = 4,
    CIMAGING_PNG_RGBA = 6,
} cimaging_png_color;

/// Shape of a PNG to encode.
typedef struct cimaging_png_spec {
    uint32_t width;
    uint32_t height;
    cimaging_png_color color;
    /// 1, 2, 4, 8 or 16, as the PNG specification allows for `color`.
    int bit_depth;
    /// Non-zero for Adam7 interlacing.
    int interlaced;
    /// `palette_count` RGB triples; only for `CIMAGING_PNG_PALETTE`.
    const uint8_t *palette;
    int palette_count;
} cimaging_png_spec;

/// The format announced by the first bytes of `data` (PNG signature or JPEG SOI), whatever its label says.
cimaging_format cimaging_detect_format(const uint8_t *data, size_t length);

/// Decodes a PNG or JPEG held in memory to 8-bit RGB, sniffing the format from the bytes.
///
/// PNG: palette, gray, 1–16 bit depths and interlacing are expanded; alpha (and tRNS) is composited on black,
/// as Go's JPEG encoder does in Flamenco. JPEG: gray, RGB/YCbCr and CMYK/YCCK are converted to RGB.
/// On `CIMAGING_ERROR_TOO_LARGE`, `out` holds the offending width and height with no pixels.
/// `message` (may be NULL) receives a NUL-terminated explanation on failure.
cimaging_status cimaging_decode(const uint8_t *data, size_t length, cimaging_image *out, char *message,
                                size_t message_capacity);

/// The size of a `width`×`height` image fitted inside `max_width`×`max_height`, keeping the aspect ratio,
/// never upscaling; the other side is rounded down as Flamenco's resizer does, but is at least 1.
cimaging_status cimaging_fitted_size(uint32_t width, uint32_t height, uint32_t max_width, uint32_t max_height,
                                     uint32_t *out_width, uint32_t *out_height);

/// Copies RGB `pixels` scaled to `cimaging_fitted_size`, averaging the covered source area (box filter).
cimaging_status cimaging_resize_to_fit(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t max_width,
                                       uint32_t max_height, cimaging_image *out);

/// Encodes `samples` (`width * height * color` bytes) as a baseline JPEG at `quality` 1–100.
cimaging_status cimaging_encode_jpeg(const uint8_t *samples, size_t samples_length, uint32_t width, uint32_t height,
                                     cimaging_jpeg_color color, int quality, uint8_t **out_data, size_t *out_length,
                                     char *message, size_t message_capacity);

/// Encodes `samples` as a PNG: one byte per sample for depths up to 8 (values below 2^depth),
/// two big-endian bytes per sample for depth 16, rows packed without padding.
cimaging_status cimaging_encode_png(const cimaging_png_spec *spec, const uint8_t *samples, size_t samples_length,
                                    uint8_t **out_data, size_t *out_length, char *message, size_t message_capacity);

/// Frees the pixels of an image returned by this module and zeroes it; NULL and empty images are fine.
void cimaging_image_free(cimaging_image *image);

/// Frees an encoded buffer returned by this module; NULL is fine.
void cimaging_buffer_free(uint8_t *buffer);

#endif
