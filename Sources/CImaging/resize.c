#include "internal.h"

#include <stdlib.h>
#include <string.h>

// For each output index along one axis, the run of source indices it covers and each one's share of the area.
// Runs overlap by at most one index, so `weights` holds at most source + output entries in all.
typedef struct box_axis {
    uint32_t *first;
    uint32_t *count;
    size_t *offset;
    double *weights;
} box_axis;

static void box_axis_free(box_axis *axis) {
    free(axis->first);
    free(axis->count);
    free(axis->offset);
    free(axis->weights);
}

static cimaging_status box_axis_make(box_axis *axis, uint32_t source, uint32_t output) {
    memset(axis, 0, sizeof *axis);
    axis->first = malloc(sizeof *axis->first * output);
    axis->count = malloc(sizeof *axis->count * output);
    axis->offset = malloc(sizeof *axis->offset * output);
    if (axis->first == NULL || axis->count == NULL || axis->offset == NULL) {
        return CIMAGING_ERROR_OUT_OF_MEMORY;
    }
    size_t total = 0;
    for (uint32_t i = 0; i < output; i++) {
        // Integer bounds are exact: [i·S/O, (i+1)·S/O) rounded outwards.
        uint64_t start = (uint64_t)i * source / output;
        uint64_t end = ((uint64_t)(i + 1) * source + output - 1) / output;
        axis->first[i] = (uint32_t)start;
        axis->count[i] = (uint32_t)(end - start);
        axis->offset[i] = total;
        total += axis->count[i];
    }
    axis->weights = malloc(sizeof *axis->weights * total);
    if (axis->weights == NULL) {
        return CIMAGING_ERROR_OUT_OF_MEMORY;
    }
    double scale = (double)source / output;
    for (uint32_t i = 0; i < output; i++) {
        double left = i * scale, right = (i + 1) * scale;
        for (uint32_t k = 0; k < axis->count[i]; k++) {
            double cell = (double)axis->first[i] + k;
            double from = cell > left ? cell : left;
            double to = cell + 1 < right ? cell + 1 : right;
            axis->weights[axis->offset[i] + k] = (to > from ? to - from : 0) / scale;
        }
    }
    return CIMAGING_OK;
}

// Area averaging: each output pixel is the mean of the source area it covers, partial pixels weighted by coverage.
// Output rows are produced one at a time, so the only scratch memory is one row of accumulators.
static cimaging_status box_resample(const uint8_t *pixels, uint32_t width, uint32_t height, uint8_t *output,
                                    uint32_t out_width, uint32_t out_height) {
    box_axis columns, rows;
    double *sums = malloc(sizeof *sums * out_width * 3);
    cimaging_status status = box_axis_make(&columns, width, out_width);
    if (status == CIMAGING_OK) {
        status = box_axis_make(&rows, height, out_height);
    } else {
        memset(&rows, 0, sizeof rows);
    }
    if (status == CIMAGING_OK && sums == NULL) {
        status = CIMAGING_ERROR_OUT_OF_MEMORY;
    }
    for (uint32_t oy = 0; status == CIMAGING_OK && oy < out_height; oy++) {
        memset(sums, 0, sizeof *sums * out_width * 3);
        for (uint32_t ky = 0; ky < rows.count[oy]; ky++) {
            double row_weight = rows.weights[rows.offset[oy] + ky];
            const uint8_t *line = pixels + (size_t)(rows.first[oy] + ky) * width * 3;
            for (uint32_t ox = 0; ox < out_width; ox++) {
                const uint8_t *in = line + (size_t)columns.first[ox] * 3;
                const double *w = columns.weights + columns.offset[ox];
                double r = 0, g = 0, b = 0;
                for (uint32_t kx = 0; kx < columns.count[ox]; kx++, in += 3) {
                    r += w[kx] * in[0];
                    g += w[kx] * in[1];
                    b += w[kx] * in[2];
                }
                double *sum = sums + (size_t)ox * 3;
                sum[0] += row_weight * r;
                sum[1] += row_weight * g;
                sum[2] += row_weight * b;
            }
        }
        uint8_t *out = output + (size_t)oy * out_width * 3;
        for (size_t i = 0; i < (size_t)out_width * 3; i++) {
            double value = sums[i] + 0.5;
            out[i] = value >= 255 ? 255 : value <= 0 ? 0 : (uint8_t)value;
        }
    }
    free(sums);
    box_axis_free(&columns);
    box_axis_free(&rows);
    return status;
}

cimaging_status cimaging_fitted_size(uint32_t width, uint32_t height, uint32_t max_width, uint32_t max_height,
                                     uint32_t *out_width, uint32_t *out_height) {
    if (width == 0 || height == 0 || max_width == 0 || max_height == 0 || out_width == NULL || out_height == NULL) {
        return CIMAGING_ERROR_INVALID_ARGUMENT;
    }
    if (width <= max_width && height <= max_height) {
        *out_width = width;
        *out_height = height;
    } else if ((uint64_t)width * max_height > (uint64_t)max_width * height) {
        // Wider than the box: full box width. Truncation matches Go's int() in disintegration/imaging.Fit.
        uint64_t fitted = (uint64_t)max_width * height / width;
        *out_width = max_width;
        *out_height = fitted > 0 ? (uint32_t)fitted : 1;
    } else {
        uint64_t fitted = (uint64_t)max_height * width / height;
        *out_width = fitted > 0 ? (uint32_t)fitted : 1;
        *out_height = max_height;
    }
    return CIMAGING_OK;
}

cimaging_status cimaging_resize_to_fit(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t max_width,
                                       uint32_t max_height, cimaging_image *out) {
    if (out == NULL) {
        return CIMAGING_ERROR_INVALID_ARGUMENT;
    }
    *out = (cimaging_image){0};
    if (pixels == NULL) {
        return CIMAGING_ERROR_INVALID_ARGUMENT;
    }
    cimaging_status status = cimaging_check_dimensions(width, height);
    uint32_t out_width = 0, out_height = 0;
    if (status == CIMAGING_OK) {
        status = cimaging_fitted_size(width, height, max_width, max_height, &out_width, &out_height);
    }
    if (status != CIMAGING_OK) {
        return status;
    }
    uint8_t *output = malloc((size_t)out_width * out_height * 3);
    if (output == NULL) {
        return CIMAGING_ERROR_OUT_OF_MEMORY;
    }
    if (out_width == width && out_height == height) {
        memcpy(output, pixels, (size_t)width * height * 3);
    } else {
        status = box_resample(pixels, width, height, output, out_width, out_height);
        if (status != CIMAGING_OK) {
            free(output);
            return status;
        }
    }
    out->pixels = output;
    out->width = out_width;
    out->height = out_height;
    return CIMAGING_OK;
}
