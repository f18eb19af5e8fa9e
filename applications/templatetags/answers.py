from django import template

from applications.display import answer_text as _answer_text

register = template.Library()


@register.filter
def answer_text(answer) -> str:
    return _answer_text(answer)
