# ponder_warnings(target): the warning level our own code is held to. Third-party code
# (Qt, KDE, Vulkan headers) is included as SYSTEM so its warnings do not count.
function(ponder_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive-)
    if(PONDER_WERROR)
      target_compile_options(${target} PRIVATE /WX)
    endif()
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow=local -Wnon-virtual-dtor
                                              -Wcast-align
                                              # Vulkan structs are filled as `VkX info{sType}`
                                              # with the rest zeroed on purpose.
                                              -Wno-missing-field-initializers)
    if(PONDER_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
