#include "ponder/assistant.h"

#include <chrono>
#include <unordered_map>

#include "assistant/cached_session.h"
#include "ponder/gguf.h"

namespace ponder {

struct Assistant::Impl {
    std::unique_ptr<Model> model;
    std::unique_ptr<Tokenizer> tokenizer;
    std::unique_ptr<Session> session;
    std::unique_ptr<CachedSession> cache;
    ChatTemplate chatTemplate;
    SamplingOverrides recommended;       // general.sampling.* of the file
    std::vector<int32_t> turnEndTokens;  // vocabulary EOG set + the template's end tokens
    std::vector<std::string> stopStrings;

    ChatRenderOptions renderOptions(const TurnOptions& options) const {
        ChatRenderOptions r;
        if (tokenizer->bos() != Tokenizer::kNoToken) r.bosText = tokenizer->tokenText(tokenizer->bos());
        if (tokenizer->eos() != Tokenizer::kNoToken) r.eosText = tokenizer->tokenText(tokenizer->eos());
        r.vocabAddsBos = tokenizer->addsBos();
        r.enableThinking = options.enableThinking;
        r.reasoningEffort = options.reasoningEffort;
        return r;
    }

    SamplingParams sampling(const SamplingOverrides& user) const {
        const SamplingOverrides layers[] = {user, recommended};
        return resolveSamplingParams(layers);
    }

    Result<TurnResult> run(std::string_view prompt, ReasoningFormat format, const TurnOptions& options,
                           const TurnCallbacks& callbacks);
};

namespace {

std::optional<double> metadataNumber(const gguf::File& file, std::string_view key) {
    if (!file.find(key)) return std::nullopt;
    if (auto f = file.getFloat(key)) return *f;
    if (auto i = file.getInt(key)) return static_cast<double>(*i);
    return std::nullopt;
}

}  // namespace

Assistant::Assistant(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Assistant::~Assistant() = default;

Result<std::unique_ptr<Assistant>> Assistant::open(const std::filesystem::path& modelPath,
                                                   const AssistantOptions& options) {
    auto impl = std::make_unique<Impl>();
    auto model = Model::load(modelPath);
    if (!model) return model.error();
    impl->model = std::move(*model);
    const gguf::File& file = impl->model->file();

    auto tokenizer = Tokenizer::fromGguf(file);
    if (!tokenizer) return tokenizer.error();
    impl->tokenizer = std::move(*tokenizer);
    if (impl->tokenizer->vocabSize() != static_cast<int32_t>(impl->model->hparams().nVocab)) {
        return makeError(ErrorCode::InvalidFormat,
                         "the tokenizer has " + std::to_string(impl->tokenizer->vocabSize()) +
                             " tokens but the output layer has " + std::to_string(impl->model->hparams().nVocab));
    }

    auto session = Session::create(*impl->model, options.session);
    if (!session) return session.error();
    impl->session = std::move(*session);
    impl->cache = std::make_unique<CachedSession>(*impl->session);

    std::string jinja;
    if (auto t = file.getString("tokenizer.chat_template")) jinja = *t;
    std::string tokModel;
    if (auto m = file.getString("tokenizer.ggml.model")) tokModel = *m;
    impl->chatTemplate = chooseChatTemplate(jinja, impl->model->hparams().archName, tokModel);

    impl->recommended = recommendedSampling([&](std::string_view key) { return metadataNumber(file, key); });

    // Map the template's end-of-turn token texts to ids (one pass over the vocabulary).
    const TurnEnd turnEnd = turnEndFor(impl->chatTemplate);
    impl->turnEndTokens = impl->tokenizer->endOfGenerationIds();
    if (!turnEnd.stopTokenTexts.empty()) {
        std::unordered_map<std::string_view, int32_t> wanted;
        for (const auto& t : turnEnd.stopTokenTexts) wanted.emplace(t, -1);
        for (int32_t id = 0; id < impl->tokenizer->vocabSize(); ++id) {
            auto it = wanted.find(impl->tokenizer->tokenText(id));
            if (it != wanted.end() && it->second < 0) it->second = id;
        }
        for (const auto& [text, id] : wanted) {
            if (id >= 0) impl->turnEndTokens.push_back(id);
        }
    }
    impl->stopStrings = turnEnd.stopStrings;
    return std::unique_ptr<Assistant>(new Assistant(std::move(impl)));
}

const Model& Assistant::model() const { return *m_impl->model; }
const Tokenizer& Assistant::tokenizer() const { return *m_impl->tokenizer; }
const ChatTemplate& Assistant::chatTemplate() const { return m_impl->chatTemplate; }
uint32_t Assistant::contextLength() const { return m_impl->session->contextLength(); }
void Assistant::resetCache() { m_impl->cache->clear(); }

SamplingParams Assistant::samplingFor(const SamplingOverrides& user) const {
    return m_impl->sampling(user);
}

std::string Assistant::renderPrompt(std::span<const ChatMessage> conversation, const TurnOptions& options) const {
    return renderChat(m_impl->chatTemplate, conversation, m_impl->renderOptions(options));
}

Result<TurnResult> Assistant::reply(std::span<const ChatMessage> conversation, const TurnOptions& options,
                                    const TurnCallbacks& callbacks) {
    const ChatRenderOptions render = m_impl->renderOptions(options);
    const std::string prompt = renderChat(m_impl->chatTemplate, conversation, render);
    return m_impl->run(prompt, reasoningFormatFor(m_impl->chatTemplate, render), options, callbacks);
}

Result<TurnResult> Assistant::complete(std::string_view text, const TurnOptions& options,
                                       const TurnCallbacks& callbacks) {
    return m_impl->run(text, ReasoningFormat::None, options, callbacks);
}

Result<TurnResult> Assistant::Impl::run(std::string_view prompt, ReasoningFormat format, const TurnOptions& options,
                                        const TurnCallbacks& callbacks) {
    const std::vector<int32_t> tokens = tokenizer->encode(prompt, /*addSpecial=*/true, /*parseSpecial=*/true);
    if (tokens.empty()) return makeError(ErrorCode::InvalidArgument, "the prompt is empty");
    const uint32_t ctx = session->contextLength();
    if (tokens.size() >= ctx) {
        return makeError(ErrorCode::InvalidArgument, "the conversation needs " + std::to_string(tokens.size()) +
                                                         " tokens but the context holds " + std::to_string(ctx));
    }
    TurnResult result;
    result.promptTokens = static_cast<int32_t>(tokens.size());
    result.promptTokensEvaluated = result.promptTokens - static_cast<int32_t>(cache->beginPrompt(tokens));

    SamplerChain sampler(sampling(options.sampling));
    GenerateOptions gen;
    // Never run past the context: the cache cannot hold more.
    const int32_t room = static_cast<int32_t>(ctx - tokens.size());
    gen.maxTokens = options.maxTokens < 0 ? room : std::min(options.maxTokens, room);
    gen.endOfGeneration = turnEndTokens;
    gen.stopStrings = stopStrings;
    gen.cancel = options.cancel;

    ReasoningParser parser(format);
    StreamingDetokenizer detok(*tokenizer);
    const auto start = std::chrono::steady_clock::now();
    auto deliver = [&](const std::vector<ReasoningEvent>& events) {
        for (const ReasoningEvent& e : events) {
            switch (e.kind) {
            case ReasoningEvent::Kind::Reasoning:
                result.reasoning += e.text;
                if (callbacks.onReasoning) callbacks.onReasoning(e.text);
                break;
            case ReasoningEvent::Kind::Answer:
                result.answer += e.text;
                if (callbacks.onAnswer) callbacks.onAnswer(e.text);
                break;
            case ReasoningEvent::Kind::ReasoningEnd:
                result.reasoningSeconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                if (callbacks.onReasoningEnd) callbacks.onReasoningEnd();
                break;
            }
        }
    };
    GenerateCallbacks cb;
    cb.tokenText = [&](int32_t token) {
        // Text reaches the parser a little later than tokens are sampled (stop strings are
        // held back), so this count can be off by a token or two at the boundary.
        if (parser.inReasoning()) ++result.reasoningTokens;
        return detok.push(token);
    };
    cb.onText = [&](std::string_view text) { deliver(parser.feed(text)); };

    auto generated = generate(*cache, sampler, tokens, gen, cb);
    if (!generated) return generated.error();
    if (std::string tail = detok.finish(); !tail.empty()) deliver(parser.feed(tail));
    deliver(parser.finish());
    result.generation = std::move(*generated);
    return result;
}

}  // namespace ponder
