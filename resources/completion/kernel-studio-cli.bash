# bash completion for kernel-studio-cli: commands, options, and filter names from `list`.
_kernel_studio_cli()
{
    local cur prev words cword
    _init_completion -n := || return

    local commands="apply each recipe kernel list"
    if [[ $cword -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    local command=${words[1]}
    case $prev in
        -f|--filter)
            # Filter names as the program lists them (lines that start a filter, not its parameters).
            local filters
            filters=$("${words[0]}" list 2>/dev/null | awk '/^[a-z0-9-]+/ {print $1}')
            compopt -o nospace 2>/dev/null # (absent when called outside completion, as in tests)
            COMPREPLY=($(compgen -W "$filters" -S : -- "$cur"))
            return ;;
        -o|--output|--recipe)
            _filedir
            return ;;
        -d|--directory)
            _filedir -d
            return ;;
        --border)
            COMPREPLY=($(compgen -W "clamp reflect wrap transparent unfiltered" -- "$cur"))
            return ;;
        --alpha)
            COMPREPLY=($(compgen -W "premultiplied straight ignore" -- "$cur"))
            return ;;
        --colorspace)
            COMPREPLY=($(compgen -W "keep srgb" -- "$cur"))
            return ;;
        --quality|--threads|--svg-scale|--svg-width|--svg-height|--region)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        # The options of this command, read from its own --help.
        local options
        options=$("${words[0]}" "$command" --help 2>/dev/null | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    case $command in
        apply|each) _filedir '@(png|jpg|jpeg|webp|tif|tiff|bmp|gif|svg|svgz)' ;;
    esac
}
complete -F _kernel_studio_cli kernel-studio-cli
