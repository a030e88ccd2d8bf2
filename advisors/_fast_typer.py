"""Keep Typer from importing pydantic on every run.

Typer 0.29 coerces every parameter through a pydantic ``TypeAdapter``; just
importing pydantic and building the adapters costs about 100 ms on each
call, which is most of the budget of a command that should feel instant.
advisors' parameters are plain ``str``, ``int``, ``bool`` and lists of them,
so for those we coerce here and hand anything else to Typer's own code.

This replaces one private hook (``typer.core.build_runtime_param``); if a
later Typer moves it, the import below fails quietly and Typer's own path
runs unchanged, only slower. ``tests/test_speed_guards.py`` notices that.
"""

from __future__ import annotations

from typing import Any, get_args, get_origin

try:
    from typer import _coercion
    from typer import core as _core
    from typer._click.exceptions import BadParameter
except ImportError:  # pragma: no cover - a Typer without this hook
    _core = None  # type: ignore[assignment]


def _to_str(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _to_int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return int(_to_str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number") from None


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = _to_str(value).strip().lower()
    if word in ("1", "true", "yes", "y", "on"):
        return True
    if word in ("", "0", "false", "no", "n", "off"):
        return False
    raise ValueError(f"{value!r} is not yes or no")


_COERCERS: dict[Any, Any] = {str: _to_str, int: _to_int, bool: _to_bool}


def _plain_coercer(annotation: Any) -> Any:
    """The function coercing one CLI value to ``annotation``, or None."""
    return _COERCERS.get(annotation)


if _core is not None:
    _typer_build = _core.build_runtime_param

    class _PlainRuntimeParam(_coercion.RuntimeParam):
        """Coerces str, int, bool and list[...] of them without pydantic."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            annotation = self.annotation
            try:
                if get_origin(annotation) is list:
                    coerce = _plain_coercer(get_args(annotation)[0])
                    items = value if isinstance(value, (list, tuple)) else [value]
                    return [coerce(item) for item in items]
                return _plain_coercer(annotation)(value)
            except ValueError as exc:
                raise BadParameter(str(exc), ctx=ctx, param=param) from None

    def _is_plain(annotation: Any) -> bool:
        if get_origin(annotation) is list:
            args = get_args(annotation)
            return len(args) == 1 and _plain_coercer(args[0]) is not None
        return _plain_coercer(annotation) is not None

    def build_runtime_param(descriptor: Any) -> Any:
        info = descriptor.parameter_info
        if (
            descriptor.file_annotation is None
            and info.parser is None
            and getattr(info, "min", None) is None
            and getattr(info, "max", None) is None
            and _is_plain(descriptor.annotation)
        ):
            return _PlainRuntimeParam(
                parameter_info=info, annotation=descriptor.annotation
            )
        return _typer_build(descriptor)

    _core.build_runtime_param = build_runtime_param


# Build each command only when it is used. Typer turns every command's
# signature into Click parameters before parsing a single word (about 2 ms a
# command here); a run needs one command, so the others wait until asked for
# (by --help, say).

if _core is not None:
    from typer import main as _main

    _typer_command_from_info = _main.get_command_from_info

    class _LazyCommand:
        """Stands in for a Click command until something asks it a question."""

        def __init__(self, name: str, build: Any) -> None:
            self.name = name
            self._build = build
            self._real: Any = None

        def _command(self) -> Any:
            if self._real is None:
                self._real = self._build()
            return self._real

        def __getattr__(self, attribute: str) -> Any:
            return getattr(self._command(), attribute)

    def get_command_from_info(command_info: Any, **kwargs: Any) -> Any:
        name = command_info.name or _main.get_command_name(command_info.callback.__name__)
        return _LazyCommand(
            name, lambda: _typer_command_from_info(command_info=command_info, **kwargs)
        )

    _main.get_command_from_info = get_command_from_info


# Help that reads well. Typer 0.29 shows the Python type beside each option
# ("--json <bool>", "NAME <str>"); a flag needs no type, an argument's name is
# already shown, and a text option reads better as TEXT.

if _core is not None:
    _PLAIN_NAMES = {str: "TEXT", int: "N"}

    def _option_type(self: Any, ctx: Any) -> str | None:
        if self.is_flag:
            return None
        if self.metavar is not None:
            return str(self.metavar)
        annotation = self.type_descriptor.annotation
        if get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        return _PLAIN_NAMES.get(annotation) or _core.TyperOption.display_type(self, ctx)

    def _argument_type(self: Any, ctx: Any) -> str | None:
        return None

    _core.TyperOption.display_type_rich = _option_type  # type: ignore[method-assign]
    _core.TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]
