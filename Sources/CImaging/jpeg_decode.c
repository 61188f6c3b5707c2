#include "internal.h"
#include "jpeg_failure.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Progressive files may repeat scans without limit, each a full pass over the image; real ones use about ten.
// 500 is the limit libjpeg-turbo's own fuzzers use.
#define CIMAGING_JPEG_MAX_SCANS 500

// Bound on libjpeg's whole-image buffers (progressive coefficients); there is no backing store, so beyond it
// libjpeg fails cleanly. A 100-megapixel CMYK progressive image needs about 800 MB.
#define CIMAGING_JPEG_MAX_MEMORY (1024L * 1024L * 1024L)

// Everything the decoder owns lives here, outside the function that calls setjmp (see png_decode.c).
typedef struct jpeg_decoder {
    struct jpeg_decompress_struct cinfo;
    jpeg_failure failure;
    struct jpeg_progress_mgr progress;
    const uint8_t *data;
    size_t length;
    uint8_t *pixels;
    uint8_t *row;
    uint32_t width;
    uint32_t height;
} jpeg_decoder;

static void jpeg_decoder_limit_scans(j_common_ptr cinfo) {
    if (cinfo->is_decompressor && ((j_decompress_ptr)cinfo)->input_scan_number > CIMAGING_JPEG_MAX_SCANS) {
        cimaging_jpeg_failure_raise(cinfo, "JPEG has too many scans");
    }
}

// Adobe applications store CMYK inverted (255 = no ink); plain CMYK is converted to that form first.
static void jpeg_decoder_cmyk_to_rgb(const uint8_t *source, uint8_t *destination, uint32_t width, int inverted) {
    for (uint32_t x = 0; x < width; x++) {
        const uint8_t *in = source + (size_t)x * 4;
        unsigned c = in[0], m = in[1], y = in[2], k = in[3];
        if (!inverted) {
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        uint8_t *out = destination + (size_t)x * 3;
        out[0] = (uint8_t)((c * k + 127) / 255);
        out[1] = (uint8_t)((m * k + 127) / 255);
        out[2] = (uint8_t)((y * k + 127) / 255);
    }
}

static cimaging_status jpeg_decoder_run(jpeg_decoder *decoder) {
    if (setjmp(decoder->failure.jump)) {
        return CIMAGING_ERROR_DECODE;
    }
    j_decompress_ptr cinfo = &decoder->cinfo;
    jpeg_create_decompress(cinfo);
    cinfo->mem->max_memory_to_use = CIMAGING_JPEG_MAX_MEMORY;
    decoder->progress.progress_monitor = jpeg_decoder_limit_scans;
    cinfo->progress = &decoder->progress;
    jpeg_mem_src(cinfo, decoder->data, (unsigned long)decoder->length);
    jpeg_read_header(cinfo, TRUE);

    decoder->width = cinfo->image_width;
    decoder->height = cinfo->image_height;
    cimaging_status dimensions = cimaging_check_dimensions(cinfo->image_width, cinfo->image_height);
    if (dimensions != CIMAGING_OK) {
        snprintf(decoder->failure.message, sizeof decoder->failure.message, "%s",
                 dimensions == CIMAGING_ERROR_TOO_LARGE ? "JPEG dimensions exceed the pixel limit"
                                                        : "JPEG has a zero dimension");
        return dimensions == CIMAGING_ERROR_TOO_LARGE ? dimensions : CIMAGING_ERROR_DECODE;
    }
    int cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    cinfo->out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(cinfo);
    if (cinfo->output_width != decoder->width || cinfo->output_height != decoder->height ||
        cinfo->output_components != (cmyk ? 4 : 3)) {
        cimaging_jpeg_failure_raise((j_common_ptr)cinfo, "unexpected JPEG output layout");
    }

    size_t stride = (size_t)decoder->width * 3;
    decoder->pixels = malloc(stride * decoder->height);
    if (decoder->pixels == NULL) {
        snprintf(decoder->failure.message, sizeof decoder->failure.message, "out of memory");
        return CIMAGING_ERROR_OUT_OF_MEMORY;
    }
    if (cmyk) {
        decoder->row = malloc((size_t)decoder->width * 4);
        if (decoder->row == NULL) {
            snprintf(decoder->failure.message, sizeof decoder->failure.message, "out of memory");
            return CIMAGING_ERROR_OUT_OF_MEMORY;
        }
    }
    while (cinfo->output_scanline < cinfo->output_height) {
        uint8_t *line = decoder->pixels + (size_t)cinfo->output_scanline * stride;
        JSAMPROW target = cmyk ? decoder->row : line;
        // The memory source never suspends, so zero rows would mean a libjpeg bug; don't spin on it.
        if (jpeg_read_scanlines(cinfo, &target, 1) != 1) {
            cimaging_jpeg_failure_raise((j_common_ptr)cinfo, "JPEG decoder returned no rows");
        }
        if (cmyk) {
            jpeg_decoder_cmyk_to_rgb(decoder->row, line, decoder->width, cinfo->saw_Adobe_marker);
        }
    }
    jpeg_finish_decompress(cinfo);
    return CIMAGING_OK;
}

cimaging_status cimaging_decode_jpeg(const uint8_t *data, size_t length, cimaging_image *out, char *message,
                                     size_t message_capacity) {
#if SIZE_MAX > ULONG_MAX
    if (length > ULONG_MAX) {
        cimaging_set_message(message, message_capacity, "JPEG data too long");
        return CIMAGING_ERROR_TOO_LARGE;
    }
#endif
    jpeg_decoder decoder;
    memset(&decoder, 0, sizeof decoder);
    decoder.data = data;
    decoder.length = length;
    decoder.cinfo.err = cimaging_jpeg_failure_install(&decoder.failure);
    cimaging_status status = jpeg_decoder_run(&decoder);
    // Safe on a partly created decompressor: it only releases what libjpeg's memory manager holds.
    jpeg_destroy_decompress(&decoder.cinfo);
    free(decoder.row);
    if (status != CIMAGING_OK) {
        free(decoder.pixels);
        if (status == CIMAGING_ERROR_TOO_LARGE) {
            out->width = decoder.width;
            out->height = decoder.height;
        }
        cimaging_set_message(message, message_capacity, decoder.failure.message);
        return status;
    }
    out->pixels = decoder.pixels;
    out->width = decoder.width;
    out->height = decoder.height;
    return CIMAGING_OK;
}
