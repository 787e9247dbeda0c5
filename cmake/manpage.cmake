# Writes a man page from a program's own --help text, so the two never disagree.
#   cmake -DEXE=<program> -DNAME=<name> -DSUMMARY=<one line> -DVERSION=<v> -DOUT=<file.1>
#         [-DSUBCOMMANDS=a;b;c] -P manpage.cmake
# Each subcommand's `NAME sub --help` becomes a subsection of COMMANDS.
function(roff_escape text out)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REPLACE "-" "\\-" text "${text}")
    # A line starting with . or ' would be read as a request.
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(help_of args out)
    execute_process(COMMAND ${EXE} ${args} --help
                    OUTPUT_VARIABLE text ERROR_VARIABLE err RESULT_VARIABLE rc
                    ENCODING UTF-8)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${EXE} ${args} --help failed (${rc}): ${err}")
    endif()
    # The program name as it was invoked (a build path) becomes the installed name.
    string(REPLACE "${EXE}" "${NAME}" text "${text}")
    roff_escape("${text}" text)
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

help_of("" main)
set(page ".TH ${NAME} 1 \"\" \"Kernel Studio ${VERSION}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\n${NAME} \\- ${SUMMARY}\n")
string(APPEND page ".SH DESCRIPTION\n.nf\n${main}.fi\n")
if(SUBCOMMANDS)
    string(APPEND page ".SH COMMANDS\n")
    foreach(sub IN LISTS SUBCOMMANDS)
        help_of("${sub}" text)
        string(APPEND page ".SS ${sub}\n.nf\n${text}.fi\n")
    endforeach()
endif()
string(APPEND page ".SH SEE ALSO\n")
if(NAME STREQUAL "kernel-studio")
    string(APPEND page ".BR kernel-studio-cli (1)\n")
else()
    string(APPEND page ".BR kernel-studio (1)\n")
endif()
file(WRITE "${OUT}" "${page}")
