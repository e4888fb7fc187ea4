/// @brief Which Vulkan device a saved GPU choice means on this machine today.
#pragma once

#include <QString>

#include <vector>

#include "ponder/gpu.h"

/// The device a settings choice names. gpuIndex -1 (GpuChoice::Automatic) is the engine's
/// best choice. A device index is checked against the device name saved with it, because the
/// order of Vulkan devices can change (a driver update, an external GPU plugged in): the index
/// when its name matches (or no name was saved), else the device with that name, else
/// NoDevice. The name alone is not enough: two cards of the same model share it.
/// Not for GpuChoice::CpuOnly.
ponder::Result<ponder::GpuInfo> resolveGpuChoice(const std::vector<ponder::GpuInfo>& gpus, int gpuIndex,
                                                 const QString& gpuName);
