#ifndef TABLAO_CIMAGING_JPEG_FAILURE_H
#define TABLAO_CIMAGING_JPEG_FAILURE_H

// jpeglib.h uses FILE and size_t without including their headers.
#include <stdio.h>
#include <setjmp.h>
#include <jpeglib.h>

// A libjpeg error manager that longjmps to `jump` instead of exiting the process.
typedef struct jpeg_failure {
    struct jpeg_error_mgr manager;  // first, so libjpeg's `cinfo->err` can be cast back to the whole struct
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} jpeg_failure;

// Resets `failure` and returns the manager to store in `cinfo->err`; the caller must setjmp before any libjpeg call.
struct jpeg_error_mgr *cimaging_jpeg_failure_install(jpeg_failure *failure);

// Records `text` as the failure message and jumps back; used for limits libjpeg doesn't know about.
void cimaging_jpeg_failure_raise(j_common_ptr cinfo, const char *text);

#endif
