// Texts tst_tokenizer sends through both Ponder's tokenizer and llama.cpp: several scripts,
// CJK, code, numbers of many lengths, whitespace runs, emoji sequences, contractions and the
// special tokens of the test vocabularies (matched only when special parsing is on).
#pragma once

#include <string>
#include <vector>

inline std::vector<std::string> tokenizerOracleTexts() {
    std::vector<std::string> texts = {
        // Plain text and whitespace.
        "Hello world", " Hello world", "Hello World!", "hello   world", "   leading and trailing   ",
        "\tTabbed\tline\n", "line1\nline2\r\nline3\n\n\n", "\n", " ", "  ", "\t\t\n  \n", "a\r\n\r\nb",
        "end with spaces   ", "  \n  \n  x", "a \n b", "x\v\fy",
        // Numbers.
        "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678901234567890",
        "3.14159", "1,000,000", "-42 +7", "0x1F 0b1010", "year 2024 and 1999", "٣٤٥ ١٢", "½ ² ³ ⅷ",
        "①②③", "1st 2nd 3rd 4th", "v1.2.3-rc4",
        // Contractions.
        "I'm you're we've they'll she'd it's don't", "I'M YOU'RE WE'VE THEY'LL SHE'D IT'S",
        "'s 't 'S 'T 're 'RE", "o'clock ''quoted'' '", "Don’t curly’s",
        "Hello , world . How are you ? Fine !", "He said ' yes ' to 's and 'm",
        // Scripts.
        "Привет, мир! Как дела?", "Γειά σου Κόσμε, ώ ΐ ᾳ", "مرحبا بالعالم", "שלום עולם",
        "नमस्ते दुनिया", "สวัสดีชาวโลก", "Tiếng Việt có dấu", "ÅÄÖ åäö Äpfel straße", "İstanbul ǅ ǈ",
        "Ꭰꭰ ⰀⰁ 𐐀𐐨", "ქართული ენა", "Հայերեն", "ᏣᎳᎩ",
        // CJK.
        "こんにちは世界", "你好，世界！", "안녕하세요 세계", "中文English混合123文本",
        "日本語のテキスト、カタカナ・ひらがな。", "全角ＡＢＣ！？１２３", "ㄅㄆㄇ ㄱㄴㄷ", "　全角スペース　",
        // Code.
        "def foo(x):\n    return x**2  # square\n",
        "if (a && b) { return c->d[0]; }\n\treturn;",
        "<html><body class=\"x\">&amp;</body></html>",
        "SELECT * FROM t WHERE id = 42;",
        "fn main() {\n\tprintln!(\"{}\", 1_000);\n}",
        "x += y; z //= 3 ** 2 @ w",
        "https://example.com/path?q=1&r=2#frag user@example.org",
        // Emoji and symbols.
        "😀😃😄", "👨‍👩‍👧‍👦 family", "🏳️‍🌈 flag", "👍🏽 thumbs", "❤️ ♥ ☺", "🇺🇸🇫🇷🇯🇵",
        "∑ x² ≤ ∞ → ∀ε>0", "$100 + €50 = ¥? £", "©®™ §¶", "~~^^||<<>>==", "…—–-‘’“”«»",
        // Unusual whitespace and marks.
        "a\u00A0b", "a\u3000b", "x\u2009y", "\u200Bzero width", "a\u0085b", "a\u2028b\u2029c",
        "e\u0301 é", "Z\u0324\u0354\u0367\u0311\u0313a\u0316\u032D\u0308\u0307lgo",
        "\u00AD soft hyphen", "\uFEFFbom",
        // Special tokens of the test vocabularies.
        "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
        "<｜begin▁of▁sentence｜>Hello<｜end▁of▁sentence｜>",
        "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>",
        "<s>[INST] hi [/INST] ok</s>", "<unk>", "<|endoftext|>x<|endoftext|>", "[PAD151646]",
        "</s> and <s>", "<|im_start|><|im_start|>", "text<|im_end|>text", "<|im_", "<|begin_of_text|",
        "<|reserved_special_token_5|> x", " <|im_end|> ", "õ÷Áýÿ and ø",
        // Misc.
        "a", "supercalifragilisticexpialidocious", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "!!!???...,,,", "...\n\n...", " ?!", "__init__.py", "CamelCaseWordsAndALLCAPS MixedUPPERlower",
    };
    // A longer text, to see that whole paragraphs agree too.
    std::string longText;
    for (int i = 0; i < 20; ++i) {
        longText += "Paragraph " + std::to_string(i) + ": The quick brown fox (ü, 狐狸) jumps over " +
                    std::to_string(i * 7919) + " lazy dogs; isn't it?\n";
    }
    texts.push_back(longText);
    return texts;
}
