# Fuzzing the GGUF reader (sources in tests/fuzz/). Lives here because tests/CMakeLists.txt
# only includes tests/{tools,engine,kernels,app,ui}/*.cmake.
#
# - PONDER_FUZZ=ON and a working clang++ with libFuzzer: the reader sources and the target
#   are compiled straight with clang++ -fsanitize=fuzzer,address,undefined (the main build
#   may use g++, which has no libFuzzer), and ctest runs it for 20 s.
# - Otherwise: the same target linked with tests/fuzz/standalone_driver.cpp (corpus replay +
#   deterministic mutations), with ASan/UBSan when the compiler has them; 20 s when
#   PONDER_FUZZ=ON, a 5 s smoke run in ordinary builds.
# Either way the seed corpus is generated at build time by make_gguf_corpus.

set(PONDER_FUZZ_SRC ${CMAKE_SOURCE_DIR}/tests/fuzz)
set(PONDER_FUZZ_SEEDS ${CMAKE_BINARY_DIR}/fuzz/gguf-seeds)
set(PONDER_FUZZ_CORPUS ${CMAKE_BINARY_DIR}/fuzz/gguf-corpus)  # libFuzzer adds its finds here
file(MAKE_DIRECTORY ${PONDER_FUZZ_CORPUS})

file(GLOB ponder_fuzz_gguf_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/engine/src/gguf/*.cpp)
file(GLOB ponder_fuzz_gguf_headers CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/engine/src/gguf/*.h
     ${CMAKE_SOURCE_DIR}/engine/include/ponder/gguf.h ${CMAKE_SOURCE_DIR}/engine/include/ponder/tensor_type.h
     ${CMAKE_SOURCE_DIR}/engine/include/ponder/result.h)
set(ponder_fuzz_gguf_all_sources ${ponder_fuzz_gguf_sources} ${CMAKE_SOURCE_DIR}/engine/src/core/result.cpp
    ${PONDER_FUZZ_SRC}/fuzz_gguf.cpp)

# Seed corpus.
add_executable(make_gguf_corpus ${PONDER_FUZZ_SRC}/make_gguf_corpus.cpp ${CMAKE_CURRENT_LIST_DIR}/hostile_gguf.cpp)
target_include_directories(make_gguf_corpus PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(make_gguf_corpus PRIVATE ponder_engine)
ponder_warnings(make_gguf_corpus)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/fuzz/gguf-seeds.stamp
                   COMMAND make_gguf_corpus ${PONDER_FUZZ_SEEDS}
                   COMMAND ${CMAKE_COMMAND} -E touch ${CMAKE_BINARY_DIR}/fuzz/gguf-seeds.stamp
                   DEPENDS make_gguf_corpus
                   COMMENT "Generating the GGUF fuzz seed corpus")
add_custom_target(fuzz_gguf_seeds ALL DEPENDS ${CMAKE_BINARY_DIR}/fuzz/gguf-seeds.stamp)

# Does clang++ with libFuzzer actually link here? (clang without compiler-rt finds the
# compiler but fails at link time.) Checked again only when the compiler path changes.
set(ponder_fuzz_libfuzzer OFF)
if(PONDER_FUZZ)
  find_program(PONDER_FUZZ_CLANGXX NAMES clang++ clang++-19 clang++-18 clang++-17 clang++-16 clang++-15 clang++-14)
  if(PONDER_FUZZ_CLANGXX AND NOT "${PONDER_FUZZ_LIBFUZZER_PROBED}" STREQUAL "${PONDER_FUZZ_CLANGXX}")
    set(ponder_fuzz_probe_dir ${CMAKE_BINARY_DIR}/fuzz/probe)
    file(MAKE_DIRECTORY ${ponder_fuzz_probe_dir})
    file(WRITE ${ponder_fuzz_probe_dir}/probe.cpp
         "#include <cstddef>\n#include <cstdint>\n"
         "extern \"C\" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }\n")
    execute_process(COMMAND ${PONDER_FUZZ_CLANGXX} -fsanitize=fuzzer,address,undefined probe.cpp -o probe
                    WORKING_DIRECTORY ${ponder_fuzz_probe_dir} RESULT_VARIABLE ponder_fuzz_probe_rc OUTPUT_QUIET ERROR_VARIABLE ponder_fuzz_probe_err)
    if(ponder_fuzz_probe_rc EQUAL 0)
      set(PONDER_FUZZ_LIBFUZZER_WORKS ON CACHE INTERNAL "clang++ can link -fsanitize=fuzzer")
    else()
      message(WARNING "PONDER_FUZZ: ${PONDER_FUZZ_CLANGXX} cannot link libFuzzer (${ponder_fuzz_probe_err}); "
                      "using the standalone driver")
      set(PONDER_FUZZ_LIBFUZZER_WORKS OFF CACHE INTERNAL "clang++ can link -fsanitize=fuzzer")
    endif()
    set(PONDER_FUZZ_LIBFUZZER_PROBED "${PONDER_FUZZ_CLANGXX}" CACHE INTERNAL "compiler the probe ran with")
  endif()
  if(PONDER_FUZZ_CLANGXX AND PONDER_FUZZ_LIBFUZZER_WORKS)
    set(ponder_fuzz_libfuzzer ON)
  endif()
endif()

if(ponder_fuzz_libfuzzer)
  set(ponder_fuzz_bin ${CMAKE_BINARY_DIR}/bin/fuzz_gguf)
  add_custom_command(
    OUTPUT ${ponder_fuzz_bin}
    COMMAND ${PONDER_FUZZ_CLANGXX} -std=c++20 -g -O1 -fno-omit-frame-pointer -Wall -Wextra
            -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
            -DPONDER_FUZZ_LIBFUZZER=1
            -I${CMAKE_SOURCE_DIR}/engine/include -I${CMAKE_SOURCE_DIR}/engine/src
            ${ponder_fuzz_gguf_all_sources} -o ${ponder_fuzz_bin}
    DEPENDS ${ponder_fuzz_gguf_all_sources} ${ponder_fuzz_gguf_headers}
    COMMENT "Building the libFuzzer binary fuzz_gguf with ${PONDER_FUZZ_CLANGXX}"
    VERBATIM)
  add_custom_target(fuzz_gguf ALL DEPENDS ${ponder_fuzz_bin})
  set(ponder_fuzz_time 20)
  message(STATUS "fuzz_gguf: libFuzzer with ${PONDER_FUZZ_CLANGXX}")
else()
  if(PONDER_FUZZ)
    set(ponder_fuzz_note "PONDER_FUZZ is ON but no clang++ with libFuzzer was found")
    set(ponder_fuzz_time 20)
  else()
    set(ponder_fuzz_note "PONDER_FUZZ is OFF: short smoke run")
    set(ponder_fuzz_time 5)
  endif()
  add_executable(fuzz_gguf ${ponder_fuzz_gguf_all_sources} ${PONDER_FUZZ_SRC}/standalone_driver.cpp)
  target_include_directories(fuzz_gguf PRIVATE ${CMAKE_SOURCE_DIR}/engine/include ${CMAKE_SOURCE_DIR}/engine/src)
  target_compile_features(fuzz_gguf PRIVATE cxx_std_20)
  target_compile_definitions(fuzz_gguf PRIVATE "PONDER_FUZZ_DRIVER_NOTE=\"${ponder_fuzz_note}\"")
  ponder_warnings(fuzz_gguf)
  if(NOT MSVC)
    include(CheckCXXSourceCompiles)
    set(CMAKE_REQUIRED_FLAGS "-fsanitize=address,undefined")
    set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=address,undefined")
    check_cxx_source_compiles("int main() { return 0; }" PONDER_FUZZ_HAVE_SANITIZERS)
    unset(CMAKE_REQUIRED_FLAGS)
    unset(CMAKE_REQUIRED_LINK_OPTIONS)
    if(PONDER_FUZZ_HAVE_SANITIZERS)
      set(ponder_fuzz_sanitizers -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
      target_compile_options(fuzz_gguf PRIVATE ${ponder_fuzz_sanitizers})
      target_link_options(fuzz_gguf PRIVATE ${ponder_fuzz_sanitizers})
    endif()
  endif()
  message(STATUS "fuzz_gguf: standalone driver (${ponder_fuzz_note})")
endif()

add_test(NAME fuzz_gguf
         COMMAND ${CMAKE_BINARY_DIR}/bin/fuzz_gguf -max_total_time=${ponder_fuzz_time} -rss_limit_mb=2048 -timeout=5
                 ${PONDER_FUZZ_CORPUS} ${PONDER_FUZZ_SEEDS})
set_tests_properties(fuzz_gguf PROPERTIES LABELS "fuzz" TIMEOUT 300
                     WORKING_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
