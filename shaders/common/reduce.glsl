// reduce.glsl: workgroup-wide sum and max of one float per thread: subgroup operation first,
// then one value per subgroup through shared memory (subgroup size is never assumed).
// The includer declares layout(local_size_x_id = 0) before including this file.
#ifndef PONDER_REDUCE_GLSL
#define PONDER_REDUCE_GLSL
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_KHR_shader_subgroup_basic : require

shared float reduceScratch[gl_WorkGroupSize.x];  // worst case: one-lane subgroups

float workgroupSum(float v) {
    v = subgroupAdd(v);
    barrier();  // the scratch may still be read by a previous reduction
    if (subgroupElect()) reduceScratch[gl_SubgroupID] = v;
    barrier();
    float total = 0.0;
    for (uint s = 0; s < gl_NumSubgroups; ++s) total += reduceScratch[s];
    return total;
}

float workgroupMax(float v) {
    v = subgroupMax(v);
    barrier();
    if (subgroupElect()) reduceScratch[gl_SubgroupID] = v;
    barrier();
    float m = reduceScratch[0];
    for (uint s = 1; s < gl_NumSubgroups; ++s) m = max(m, reduceScratch[s]);
    return m;
}
#endif
