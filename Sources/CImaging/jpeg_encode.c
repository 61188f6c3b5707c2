#include "internal.h"
#include "jpeg_failure.h"

#include <stdlib.h>
#include <string.h>

// Everything the encoder owns lives here, outside the function that calls setjmp (see png_decode.c).
typedef struct jpeg_encoder {
    struct jpeg_compress_struct cinfo;
    jpeg_failure failure;
    unsigned char *buffer;  // malloc'd and grown by jpeg_mem_dest; libjpeg never frees it
    unsigned long size;
} jpeg_encoder;

static cimaging_status jpeg_encoder_run(jpeg_encoder *encoder, const uint8_t *samples, uint32_t width,
                                        uint32_t height, cimaging_jpeg_color color, int quality) {
    if (setjmp(encoder->failure.jump)) {
        return CIMAGING_ERROR_ENCODE;
    }
    j_compress_ptr cinfo = &encoder->cinfo;
    jpeg_create_compress(cinfo);
    jpeg_mem_dest(cinfo, &encoder->buffer, &encoder->size);
    cinfo->image_width = width;
    cinfo->image_height = height;
    cinfo->input_components = (int)color;
    cinfo->in_color_space = color == CIMAGING_JPEG_GRAY ? JCS_GRAYSCALE
                            : color == CIMAGING_JPEG_RGB ? JCS_RGB
                                                         : JCS_CMYK;
    jpeg_set_defaults(cinfo);
    jpeg_set_quality(cinfo, quality, TRUE);
    jpeg_start_compress(cinfo, TRUE);
    size_t stride = (size_t)width * (size_t)color;
    while (cinfo->next_scanline < cinfo->image_height) {
        // libjpeg's row type is not const, but compression only reads the rows.
        JSAMPROW row = (JSAMPROW)(samples + (size_t)cinfo->next_scanline * stride);
        jpeg_write_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_compress(cinfo);
    return CIMAGING_OK;
}

cimaging_status cimaging_encode_jpeg(const uint8_t *samples, size_t samples_length, uint32_t width, uint32_t height,
                                     cimaging_jpeg_color color, int quality, uint8_t **out_data, size_t *out_length,
                                     char *message, size_t message_capacity) {
    cimaging_set_message(message, message_capacity, "");
    if (out_data == NULL || out_length == NULL) {
        cimaging_set_message(message, message_capacity, "no output buffer");
        return CIMAGING_ERROR_INVALID_ARGUMENT;
    }
    *out_data = NULL;
    *out_length = 0;
    cimaging_status dimensions = cimaging_check_dimensions(width, height);
    if (dimensions != CIMAGING_OK) {
        cimaging_set_message(message, message_capacity, "image dimensions are zero or exceed the pixel limit");
        return dimensions;
    }
    int known_color = color == CIMAGING_JPEG_GRAY || color == CIMAGING_JPEG_RGB || color == CIMAGING_JPEG_CMYK;
    if (samples == NULL || !known_color || quality < 1 || quality > 100 ||
        samples_length != (size_t)width * height * (size_t)color) {
        cimaging_set_message(message, message_capacity, "invalid samples, colour type or quality");
        return CIMAGING_ERROR_INVALID_ARGUMENT;
    }
    jpeg_encoder encoder;
    memset(&encoder, 0, sizeof encoder);
    encoder.cinfo.err = cimaging_jpeg_failure_install(&encoder.failure);
    cimaging_status status = jpeg_encoder_run(&encoder, samples, width, height, color, quality);
    jpeg_destroy_compress(&encoder.cinfo);
    if (status != CIMAGING_OK) {
        free(encoder.buffer);
        cimaging_set_message(message, message_capacity, encoder.failure.message);
        return status;
    }
    *out_data = encoder.buffer;
    *out_length = encoder.size;
    return CIMAGING_OK;
}
