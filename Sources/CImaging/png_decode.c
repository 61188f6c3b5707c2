#include "internal.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Everything the decoder owns lives here, outside the function that calls setjmp, so nothing is
// "indeterminate" after libpng longjmps back (C11 7.13.2.1).
typedef struct png_decoder {
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t length;
    size_t offset;
    uint8_t *pixels;
    uint8_t *row;
    uint32_t width;
    uint32_t height;
    char message[CIMAGING_MESSAGE_CAPACITY];
} png_decoder;

// libpng requires error handlers not to return; jumping back replaces its default, which prints to stderr.
static void png_decoder_error(png_structp png, png_const_charp text) {
    png_decoder *decoder = png_get_error_ptr(png);
    snprintf(decoder->message, sizeof decoder->message, "%s", text);
    png_longjmp(png, 1);
}

// Warnings (bad ancillary chunks, unknown profiles) don't prevent a thumbnail; stay silent.
static void png_decoder_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void png_decoder_read(png_structp png, png_bytep destination, size_t count) {
    png_decoder *decoder = png_get_io_ptr(png);
    if (count > decoder->length - decoder->offset) {
        png_error(png, "unexpected end of PNG data");
    }
    memcpy(destination, decoder->data + decoder->offset, count);
    decoder->offset += count;
}

// Asks libpng for 8-bit RGB, or RGBA when the image has any transparency.
static void png_decoder_request_rgb(png_decoder *decoder, int bit_depth, int color_type) {
    if (bit_depth == 16) {
        png_set_scale_16(decoder->png);
    }
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(decoder->png);
    }
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) {
        png_set_expand_gray_1_2_4_to_8(decoder->png);
    }
    if (png_get_valid(decoder->png, decoder->info, PNG_INFO_tRNS)) {
        png_set_tRNS_to_alpha(decoder->png);
    }
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) {
        png_set_gray_to_rgb(decoder->png);
    }
}

static cimaging_status png_decoder_fail(png_decoder *decoder, cimaging_status status, const char *text) {
    snprintf(decoder->message, sizeof decoder->message, "%s", text);
    return status;
}

static cimaging_status png_decoder_run(png_decoder *decoder) {
    if (setjmp(png_jmpbuf(decoder->png))) {
        return CIMAGING_ERROR_DECODE;
    }
    decoder->info = png_create_info_struct(decoder->png);
    if (decoder->info == NULL) {
        return png_decoder_fail(decoder, CIMAGING_ERROR_OUT_OF_MEMORY, "out of memory");
    }
    png_set_read_fn(decoder->png, decoder, png_decoder_read);
    png_read_info(decoder->png, decoder->info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0;
    png_get_IHDR(decoder->png, decoder->info, &width, &height, &bit_depth, &color_type, NULL, NULL, NULL);
    decoder->width = width;
    decoder->height = height;
    cimaging_status dimensions = cimaging_check_dimensions(width, height);
    if (dimensions == CIMAGING_ERROR_TOO_LARGE) {
        return png_decoder_fail(decoder, dimensions, "PNG dimensions exceed the pixel limit");
    } else if (dimensions != CIMAGING_OK) {
        return png_decoder_fail(decoder, CIMAGING_ERROR_DECODE, "PNG has a zero dimension");
    }

    png_decoder_request_rgb(decoder, bit_depth, color_type);
    int passes = png_set_interlace_handling(decoder->png);
    png_read_update_info(decoder->png, decoder->info);
    size_t channels = png_get_channels(decoder->png, decoder->info);
    if ((channels != 3 && channels != 4) || png_get_rowbytes(decoder->png, decoder->info) != width * channels) {
        return png_decoder_fail(decoder, CIMAGING_ERROR_DECODE, "unexpected PNG pixel layout");
    }

    // Interlaced passes revisit rows, so transparent interlaced images keep RGBA until the end;
    // otherwise each RGBA row is composited as soon as it is read.
    int keep_alpha = channels == 4 && passes > 1;
    size_t stored_channels = keep_alpha ? 4 : 3;
    size_t pixel_count = (size_t)width * height;
    decoder->pixels = malloc(pixel_count * stored_channels);
    if (decoder->pixels == NULL) {
        return png_decoder_fail(decoder, CIMAGING_ERROR_OUT_OF_MEMORY, "out of memory");
    }
    if (channels == 4 && !keep_alpha) {
        decoder->row = malloc((size_t)width * 4);
        if (decoder->row == NULL) {
            return png_decoder_fail(decoder, CIMAGING_ERROR_OUT_OF_MEMORY, "out of memory");
        }
    }
    for (int pass = 0; pass < passes; pass++) {
        for (png_uint_32 y = 0; y < height; y++) {
            uint8_t *line = decoder->pixels + (size_t)y * width * stored_channels;
            if (decoder->row != NULL) {
                png_read_row(decoder->png, decoder->row, NULL);
                cimaging_composite_on_black(decoder->row, line, width);
            } else {
                png_read_row(decoder->png, line, NULL);
            }
        }
    }
    // Reading to IEND rejects files truncated after the pixel data.
    png_read_end(decoder->png, NULL);
    if (keep_alpha) {
        cimaging_composite_on_black(decoder->pixels, decoder->pixels, pixel_count);
        uint8_t *shrunk = realloc(decoder->pixels, pixel_count * 3);
        if (shrunk != NULL) {
            decoder->pixels = shrunk;
        }
    }
    return CIMAGING_OK;
}

cimaging_status cimaging_decode_png(const uint8_t *data, size_t length, cimaging_image *out, char *message,
                                    size_t message_capacity) {
    png_decoder decoder;
    memset(&decoder, 0, sizeof decoder);
    decoder.data = data;
    decoder.length = length;
    decoder.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &decoder, png_decoder_error, png_decoder_warning);
    if (decoder.png == NULL) {
        cimaging_set_message(message, message_capacity, "cannot create a PNG reader");
        return CIMAGING_ERROR_OUT_OF_MEMORY;
    }
    cimaging_status status = png_decoder_run(&decoder);
    png_destroy_read_struct(&decoder.png, &decoder.info, NULL);
    free(decoder.row);
    if (status != CIMAGING_OK) {
        free(decoder.pixels);
        if (status == CIMAGING_ERROR_TOO_LARGE) {
            out->width = decoder.width;
            out->height = decoder.height;
        }
        cimaging_set_message(message, message_capacity, decoder.message);
        return status;
    }
    out->pixels = decoder.pixels;
    out->width = decoder.width;
    out->height = decoder.height;
    return CIMAGING_OK;
}
