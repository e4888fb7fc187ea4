// ponder-scripted-model OUT.gguf: writes the scripted test model (see scripted_model.h).
#include <cstdio>

#include "scripted_model.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT.gguf\n", argv[0]);
        return 2;
    }
    auto written = ponder::testgen::writeScriptedModel(argv[1]);
    if (!written) {
        std::fprintf(stderr, "%s\n", written.error().message.c_str());
        return 1;
    }
    return 0;
}
