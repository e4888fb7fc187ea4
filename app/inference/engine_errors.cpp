#include "engine_errors.h"

#include <QCoreApplication>

#include "ponder/result.h"

// The context is spelled out in each call: lupdate reads only literals, and a `const char*`
// variable once hid every sentence here from the translators.
QString describeEngineError(const ponder::Error& error) {
    using ponder::ErrorCode;
    QString sentence;
    switch (error.code) {
    case ErrorCode::FileNotFound:
        sentence = QCoreApplication::translate("EngineError", "The model file could not be found or opened.");
        break;
    case ErrorCode::IoError:
        sentence = QCoreApplication::translate("EngineError", "Reading or writing a file failed (is the disk full or the file in use?).");
        break;
    case ErrorCode::InvalidFormat:
        sentence = QCoreApplication::translate("EngineError", "The model file is damaged, incomplete or not a GGUF file.");
        break;
    case ErrorCode::Unsupported:
        sentence = QCoreApplication::translate("EngineError", "This model uses something Ponder cannot run yet.");
        break;
    case ErrorCode::OutOfMemory:
        sentence = QCoreApplication::translate("EngineError", "There is not enough memory for this model. Try a smaller model or a shorter context.");
        break;
    case ErrorCode::DeviceLost:
        sentence = QCoreApplication::translate("EngineError", "The GPU stopped responding. Your chat is safe; load the model again to continue.");
        break;
    case ErrorCode::NoDevice:
        sentence = QCoreApplication::translate("EngineError", "No usable GPU was found. Check that a Vulkan driver is installed.");
        break;
    case ErrorCode::VulkanError:
        sentence = QCoreApplication::translate("EngineError", "The GPU driver reported an error.");
        break;
    case ErrorCode::Cancelled:
        sentence = QCoreApplication::translate("EngineError", "Stopped.");
        break;
    case ErrorCode::InvalidArgument:
        sentence = QCoreApplication::translate("EngineError", "The request could not be carried out.");
        break;
    case ErrorCode::Ok:
    case ErrorCode::Internal:
        sentence = QCoreApplication::translate("EngineError", "Something went wrong inside Ponder.");
        break;
    }
    if (error.message.empty()) return sentence;
    return sentence + QLatin1Char('\n') + QString::fromStdString(error.message);
}

QString describeGpuFallback(const ponder::Error& error) {
    using ponder::ErrorCode;
    QString sentence;
    switch (error.code) {
    case ErrorCode::Unsupported:
        sentence = QCoreApplication::translate("EngineError", "Ponder cannot run this model on this GPU yet.");
        break;
    case ErrorCode::OutOfMemory:
        sentence = QCoreApplication::translate("EngineError", "The GPU does not have enough memory for this model; a shorter context may let it fit.");
        break;
    case ErrorCode::NoDevice:
        sentence = QCoreApplication::translate("EngineError", "The chosen GPU was not found. Check the GPU in the settings and that a Vulkan driver is installed.");
        break;
    case ErrorCode::DeviceLost:
        sentence = QCoreApplication::translate("EngineError", "The GPU stopped responding while the model was loading.");
        break;
    default:
        return describeEngineError(error);
    }
    if (error.message.empty()) return sentence;
    return sentence + QLatin1Char('\n') + QString::fromStdString(error.message);
}
