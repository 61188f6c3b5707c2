#ifndef TABLAO_CIMAGING_INTERNAL_H
#define TABLAO_CIMAGING_INTERNAL_H

#include "include/CImaging.h"

// Copies `text` into the caller's optional message buffer, truncating it.
void cimaging_set_message(char *message, size_t capacity, const char *text);

// OK when 0 < width, height and width × height ≤ CIMAGING_MAX_PIXELS; TOO_LARGE or INVALID_ARGUMENT otherwise.
// Every pixel-buffer size in this module is computed after this check, so `width * height * 4` cannot overflow.
cimaging_status cimaging_check_dimensions(uint64_t width, uint64_t height);

// Format-specific decoders behind `cimaging_decode`; `out` is zeroed by the caller.
cimaging_status cimaging_decode_png(const uint8_t *data, size_t length, cimaging_image *out, char *message,
                                    size_t message_capacity);
cimaging_status cimaging_decode_jpeg(const uint8_t *data, size_t length, cimaging_image *out, char *message,
                                     size_t message_capacity);

// Writes `pixel_count` RGB pixels from RGBA `source`, multiplying colour by alpha (compositing on black).
// `destination` may equal `source`: each pixel is read before its (smaller) output slot is written.
void cimaging_composite_on_black(const uint8_t *source, uint8_t *destination, size_t pixel_count);

#endif
