#include "internal.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Everything the encoder owns lives here, outside the function that calls setjmp (see png_decode.c).
typedef struct png_encoder {
    png_structp png;
    png_infop info;
    uint8_t *data;
    size_t length;
    size_t capacity;
    char message[CIMAGING_MESSAGE_CAPACITY];
} png_encoder;

static void png_encoder_error(png_structp png, png_const_charp text) {
    png_encoder *encoder = png_get_error_ptr(png);
    snprintf(encoder->message, sizeof encoder->message, "%s", text);
    png_longjmp(png, 1);
}

static void png_encoder_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void png_encoder_write(png_structp png, png_bytep bytes, size_t count) {
    png_encoder *encoder = png_get_io_ptr(png);
    if (count > SIZE_MAX / 2 - encoder->length) {
        png_error(png, "PNG output too large");
    }
    size_t needed = encoder->length + count;
    if (needed > encoder->capacity) {
        size_t capacity = encoder->capacity < 4096 ? 4096 : encoder->capacity * 2;
        capacity = capacity < needed ? needed : capacity;
        uint8_t *grown = realloc(encoder->data, capacity);
        if (grown == NULL) {
            png_error(png, "out of memory");
        }
        encoder->data = grown;
        encoder->capacity = capacity;
    }
    memcpy(encoder->data + encoder->length, bytes, count);
    encoder->length = needed;
}

static void png_encoder_flush(png_structp png) { (void)png; }

static size_t png_channels(cimaging_png_color color) {
    switch (color) {
    case CIMAGING_PNG_GRAY:
    case CIMAGING_PNG_PALETTE:
        return 1;
    case CIMAGING_PNG_GRAY_ALPHA:
        return 2;
    case CIMAGING_PNG_RGB:
        return 3;
    case CIMAGING_PNG_RGBA:
        return 4;
    }
    return 0;
}

// The colour type / bit depth pairs of the PNG specification (table 11.1), plus a usable palette.
static int png_spec_is_valid(const cimaging_png_spec *spec) {
    int depth = spec->bit_depth;
    int low_depth = depth == 1 || depth == 2 || depth == 4 || depth == 8;
    switch (spec->color) {
    case CIMAGING_PNG_GRAY:
        return low_depth || depth == 16;
    case CIMAGING_PNG_PALETTE:
        return low_depth && spec->palette != NULL && spec->palette_count >= 1 && spec->palette_count <= 256 &&
               spec->palette_count <= (1 << depth);
    case CIMAGING_PNG_GRAY_ALPHA:
    case CIMAGING_PNG_RGB:
    case CIMAGING_PNG_RGBA:
        return depth == 8 || depth == 16;
    }
    return 0;
}

// Below 8 bits libpng packs one-byte samples itself, but only keeps their low bits; reject what would be mangled.
static int png_samples_fit_depth(const cimaging_png_spec *spec, const uint8_t *samples, size_t count) {
    unsigned limit = spec->color == CIMAGING_PNG_PALETTE ? (unsigned)spec->palette_count
                     : spec->bit_depth < 8              ? 1u << spec->bit_depth
                                                        : 256u;
    for (size_t i = 0; limit < 256 && i < count; i++) {
        if (samples[i] >= limit) {
            return 0;
        }
    }
    return 1;
}

static cimaging_status png_encoder_run(png_encoder *encoder, const cimaging_png_spec *spec, const uint8_t *samples,
                                       size_t stride) {
    if (setjmp(png_jmpbuf(encoder->png))) {
        return CIMAGING_ERROR_ENCODE;
    }
    encoder->info = png_create_info_struct(encoder->png);
    if (encoder->info == NULL) {
        snprintf(encoder->message, sizeof encoder->message, "out of memory");
        return CIMAGING_ERROR_OUT_OF_MEMORY;
    }
    png_set_write_fn(encoder->png, encoder, png_encoder_write, png_encoder_flush);
    png_set_IHDR(encoder->png, encoder->info, spec->width, spec->height, spec->bit_depth, (int)spec->color,
                 spec->interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (spec->color == CIMAGING_PNG_PALETTE) {
        png_color palette[256];
        for (int i = 0; i < spec->palette_count; i++) {
            palette[i].red = spec->palette[i * 3];
            palette[i].green = spec->palette[i * 3 + 1];
            palette[i].blue = spec->palette[i * 3 + 2];
        }
        png_set_PLTE(encoder->png, encoder->info, palette, spec->palette_count);
    }
    png_write_info(encoder->png, encoder->info);
    if (spec->bit_depth < 8) {
        png_set_packing(encoder->png);
    }
    int passes = png_set_interlace_handling(encoder->png);
    for (int pass = 0; pass < passes; pass++) {
        for (uint32_t y = 0; y < spec->height; y++) {
            png_write_row(encoder->png, samples + (size_t)y * stride);
        }
    }
    png_write_end(encoder->png, NULL);
    return CIMAGING_OK;
}

cimaging_status cimaging_encode_png(const cimaging_png_spec *spec, const uint8_t *samples, size_t samples_length,
                                    uint8_t **out_data, size_t *out_length, char *message, size_t message_capacity) {
    cimaging_set_message(message, message_capacity, "");
    if (spec == NULL || samples == NULL || out_data == NULL || out_length == NULL) {
        cimaging_set_message(message, message_capacity, "missing argument");
        return CIMAGING_ERROR_INVALID_ARGUMENT;
    }
    *out_data = NULL;
    *out_length = 0;
    cimaging_status dimensions = cimaging_check_dimensions(spec->width, spec->height);
    if (dimensions != CIMAGING_OK) {
        cimaging_set_message(message, message_capacity, "image dimensions are zero or exceed the pixel limit");
        return dimensions;
    }
    size_t stride = (size_t)spec->width * png_channels(spec->color) * (spec->bit_depth == 16 ? 2 : 1);
    if (!png_spec_is_valid(spec) || samples_length != stride * spec->height ||
        !png_samples_fit_depth(spec, samples, samples_length)) {
        cimaging_set_message(message, message_capacity, "invalid PNG colour type, depth, palette or samples");
        return CIMAGING_ERROR_INVALID_ARGUMENT;
    }
    png_encoder encoder;
    memset(&encoder, 0, sizeof encoder);
    encoder.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &encoder, png_encoder_error, png_encoder_warning);
    if (encoder.png == NULL) {
        cimaging_set_message(message, message_capacity, "cannot create a PNG writer");
        return CIMAGING_ERROR_OUT_OF_MEMORY;
    }
    cimaging_status status = png_encoder_run(&encoder, spec, samples, stride);
    png_destroy_write_struct(&encoder.png, &encoder.info);
    if (status != CIMAGING_OK) {
        free(encoder.data);
        cimaging_set_message(message, message_capacity, encoder.message);
        return status;
    }
    *out_data = encoder.data;
    *out_length = encoder.length;
    return CIMAGING_OK;
}
