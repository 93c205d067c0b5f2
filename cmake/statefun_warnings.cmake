# statefun_set_warnings(<target>): the project's warning flags, PRIVATE to the target.
function(statefun_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  if(STATEFUN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
