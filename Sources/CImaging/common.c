#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

cimaging_format cimaging_detect_format(const uint8_t *data, size_t length) {
    if (data == NULL) {
        return CIMAGING_FORMAT_UNKNOWN;
    }
    if (length >= sizeof png_signature && memcmp(data, png_signature, sizeof png_signature) == 0) {
        return CIMAGING_FORMAT_PNG;
    }
    // SOI followed by the start of the next marker, as Go's http.DetectContentType sniffs JPEG.
    if (length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
        return CIMAGING_FORMAT_JPEG;
    }
    return CIMAGING_FORMAT_UNKNOWN;
}

cimaging_status cimaging_decode(const uint8_t *data, size_t length, cimaging_image *out, char *message,
                                size_t message_capacity) {
    cimaging_set_message(message, message_capacity, "");
    if (out == NULL) {
        cimaging_set_message(message, message_capacity, "no output image");
        return CIMAGING_ERROR_INVALID_ARGUMENT;
    }
    *out = (cimaging_image){0};
    switch (cimaging_detect_format(data, length)) {
    case CIMAGING_FORMAT_PNG:
        return cimaging_decode_png(data, length, out, message, message_capacity);
    case CIMAGING_FORMAT_JPEG:
        return cimaging_decode_jpeg(data, length, out, message, message_capacity);
    default:
        cimaging_set_message(message, message_capacity, "neither a PNG nor a JPEG signature");
        return CIMAGING_ERROR_UNSUPPORTED_FORMAT;
    }
}

void cimaging_set_message(char *message, size_t capacity, const char *text) {
    if (message != NULL && capacity > 0) {
        snprintf(message, capacity, "%s", text);
    }
}

cimaging_status cimaging_check_dimensions(uint64_t width, uint64_t height) {
    if (width == 0 || height == 0) {
        return CIMAGING_ERROR_INVALID_ARGUMENT;
    }
    // Each side is at most 2^32 - 1, so the product cannot overflow 64 bits.
    if (width > UINT32_MAX || height > UINT32_MAX || width * height > CIMAGING_MAX_PIXELS) {
        return CIMAGING_ERROR_TOO_LARGE;
    }
    return CIMAGING_OK;
}

void cimaging_composite_on_black(const uint8_t *source, uint8_t *destination, size_t pixel_count) {
    for (size_t i = 0; i < pixel_count; i++) {
        const uint8_t *in = source + i * 4;
        unsigned r = in[0], g = in[1], b = in[2], a = in[3];
        uint8_t *o = destination + i * 3;
        o[0] = (uint8_t)((r * a + 127) / 255);
        o[1] = (uint8_t)((g * a + 127) / 255);
        o[2] = (uint8_t)((b * a + 127) / 255);
    }
}

void cimaging_image_free(cimaging_image *image) {
    if (image != NULL) {
        free(image->pixels);
        *image = (cimaging_image){0};
    }
}

void cimaging_buffer_free(uint8_t *buffer) { free(buffer); }
