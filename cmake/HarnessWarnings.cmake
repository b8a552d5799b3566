# harness_target_defaults(<target>): the warning set, include root and clang-tidy for a target.
function(harness_target_defaults target)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
        -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
        -Wimplicit-fallthrough)
    if(HARNESS_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(HARNESS_CLANG_TIDY)
        set_target_properties(${target} PROPERTIES CXX_CLANG_TIDY "${HARNESS_CLANG_TIDY_COMMAND}")
    endif()
endfunction()

# harness_layer(<name> SOURCES ... DEPENDS ...): a layer library harness_<name>.
function(harness_layer name)
    cmake_parse_arguments(LAYER "" "" "SOURCES;DEPENDS" ${ARGN})
    add_library(harness_${name} STATIC ${LAYER_SOURCES})
    target_include_directories(harness_${name} PUBLIC ${PROJECT_SOURCE_DIR}/harness)
    target_link_libraries(harness_${name} PUBLIC ${LAYER_DEPENDS})
    harness_target_defaults(harness_${name})
endfunction()
