#ifndef TABLAO_CJAVASCRIPTCORE_SHIM_H
#define TABLAO_CJAVASCRIPTCORE_SHIM_H

#include <stdbool.h>
#include <JavaScriptCore/JavaScript.h>

// The execution time limit is exported by libjavascriptcoregtk but declared only in WebKit's private
// JSContextRefPrivate.h, which the -dev package does not install; these match its declarations.

/// Asked when a script has run past the group's limit; returning true stops the script.
typedef bool (*JSShouldTerminateCallback)(JSContextRef ctx, void *context);

/// Stops scripts of every context in the group that run longer than `limit` seconds (NULL callback: always stop).
JS_EXPORT void JSContextGroupSetExecutionTimeLimit(JSContextGroupRef group, double limit,
                                                   JSShouldTerminateCallback callback, void *context);

/// Removes the group's execution time limit.
JS_EXPORT void JSContextGroupClearExecutionTimeLimit(JSContextGroupRef group);

// From the GLib API (jsc/jsc-options.h, exported by the same library): sets a JavaScriptCore option by name before
// the first virtual machine is created; returns non-zero when the option exists and was set.
int jsc_options_set_boolean(const char *option, int value);

#endif
