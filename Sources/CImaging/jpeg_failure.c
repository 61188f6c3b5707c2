#include "jpeg_failure.h"

#include <jerror.h>

static void jpeg_failure_exit(j_common_ptr cinfo) {
    jpeg_failure *failure = (jpeg_failure *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, failure->message);
    longjmp(failure->jump, 1);
}

// The memory source answers a truncated file with a warning and grey filler rows; treat it as an error and stop
// at once, rather than decoding up to 100 megapixels of filler. Other corrupt-data warnings are tolerated.
static void jpeg_failure_emit(j_common_ptr cinfo, int level) {
    if (level >= 0) {
        return;
    }
    cinfo->err->num_warnings++;
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) {
        jpeg_failure_exit(cinfo);
    }
}

// The default writes to stderr.
static void jpeg_failure_output(j_common_ptr cinfo) { (void)cinfo; }

struct jpeg_error_mgr *cimaging_jpeg_failure_install(jpeg_failure *failure) {
    struct jpeg_error_mgr *manager = jpeg_std_error(&failure->manager);
    manager->error_exit = jpeg_failure_exit;
    manager->emit_message = jpeg_failure_emit;
    manager->output_message = jpeg_failure_output;
    failure->message[0] = '\0';
    return manager;
}

void cimaging_jpeg_failure_raise(j_common_ptr cinfo, const char *text) {
    jpeg_failure *failure = (jpeg_failure *)cinfo->err;
    snprintf(failure->message, sizeof failure->message, "%s", text);
    longjmp(failure->jump, 1);
}
