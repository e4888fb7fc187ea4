#include "storage_types.h"

QString messageStateName(MessageState state) {
    switch (state) {
        case MessageState::Streaming:
            return QStringLiteral("streaming");
        case MessageState::Complete:
            return QStringLiteral("complete");
        case MessageState::Cancelled:
            return QStringLiteral("cancelled");
        case MessageState::Error:
            return QStringLiteral("error");
    }
    return QStringLiteral("complete");
}

std::optional<MessageState> messageStateFromName(const QString& name) {
    for (MessageState s :
         {MessageState::Streaming, MessageState::Complete, MessageState::Cancelled, MessageState::Error}) {
        if (name == messageStateName(s)) return s;
    }
    return std::nullopt;
}

bool isValidRole(const QString& role) {
    return role == u"user" || role == u"assistant" || role == u"system" || role == u"tool";
}

bool MessagePatch::isEmpty() const {
    return !content && !reasoning && !model && !promptTokens && !completionTokens && !reasoningMs && !reasoningTokens &&
           !generationMs && !tokensPerSecond && !state && !errorText;
}
