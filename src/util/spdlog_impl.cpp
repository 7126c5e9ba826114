// SPDX-License-Identifier: MIT
// spdlog's compiled part, built into limber_util instead of linking Debian's
// libspdlog.so (cmake/Dependencies.cmake): what spdlog's own src/spdlog.cpp
// and src/stdout_sinks.cpp compile, for the loggers log.cpp creates.
// Everything else includes spdlog with SPDLOG_COMPILED_LIB, so only here
// are these definitions compiled, and only once.
#ifndef SPDLOG_COMPILED_LIB
#error "limber_spdlog defines SPDLOG_COMPILED_LIB"
#endif

#include <mutex>

#include <spdlog/common-inl.h>
#include <spdlog/details/backtracer-inl.h>
#include <spdlog/details/log_msg-inl.h>
#include <spdlog/details/log_msg_buffer-inl.h>
#include <spdlog/details/null_mutex.h>
#include <spdlog/details/os-inl.h>
#include <spdlog/details/periodic_worker-inl.h>
#include <spdlog/details/registry-inl.h>
#include <spdlog/logger-inl.h>
#include <spdlog/pattern_formatter-inl.h>
#include <spdlog/sinks/ansicolor_sink-inl.h>
#include <spdlog/sinks/base_sink-inl.h>
#include <spdlog/sinks/sink-inl.h>
#include <spdlog/sinks/stdout_color_sinks-inl.h>
#include <spdlog/sinks/stdout_sinks-inl.h>
#include <spdlog/spdlog-inl.h>

// The sinks and factory log.cpp uses (the registry's default logger is
// instantiated by registry-inl.h above).
template class spdlog::sinks::base_sink<std::mutex>;
template class spdlog::sinks::stdout_sink_base<spdlog::details::console_mutex>;
template class spdlog::sinks::stderr_sink<spdlog::details::console_mutex>;
template std::shared_ptr<spdlog::logger> spdlog::stderr_logger_mt<spdlog::synchronous_factory>(const std::string&);
