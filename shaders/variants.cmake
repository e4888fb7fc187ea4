# The declarative variants table: one line per compiled SPIR-V module. Only what changes the
# memory layout (weight type, accumulator type) is a define; sizes are specialization
# constants. Every variant listed here is exercised by tests/kernels.
ponder_shader_variant(NAME smoke_i8_f16 SOURCE smoke.comp)
