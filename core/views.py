import io
from functools import wraps

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse

from core import demo_mailbox as demo_mailbox_kit
from core.models import DemoMail, DemoMailAttachment
from core.permissions import public, require_roles
from core.roles import Role
from core.selectors import circulars_list, page_get


@public
def favicon(request):
    # Browsers ask for /favicon.ico whether or not a page names its icon; a permanent
    # redirect to the static file spares every page a 404 in the log.
    return redirect(static("img/favicon.svg"), permanent=True)


@public
def page(request, slug):
    return render(request, "core/page.html", {"page": page_get(slug=slug)})


@require_roles(Role.OFFICE)
def circulars(request):
    page = Paginator(circulars_list(), 20).get_page(request.GET.get("seite"))
    return render(request, "core/circulars.html", {"page": page, "circulars": page.object_list})


def not_found(request, exception=None):
    return render(request, "core/error.html", {"status": 404}, status=404)


def forbidden(request, exception=None):
    return render(request, "core/error.html", {"status": 403}, status=403)


def server_error(request):
    return render(request, "core/error.html", {"status": 500}, status=500)


def login_url_for(next_path: str) -> str:
    return f"{reverse('accounts:login')}?next={next_path}"


def demo_only(view):
    """Outside the demo (DEBUG off) the page does not exist: the mails are not public."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.DEBUG:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@public
@demo_only
def demo_mailbox(request):
    page = demo_mailbox_kit.demo_mails_page(page=request.GET.get("seite"))
    return render(request, "core/demo_mailbox.html", {"page": page})


@public
@demo_only
def demo_mail(request, pk):
    mail = get_object_or_404(DemoMail, pk=pk)
    return render(
        request,
        "core/demo_mail.html",
        {
            "mail": mail,
            "body": demo_mailbox_kit.site_links(mail.body),
            "attachments": mail.attachments.defer("content"),
        },
    )


@public
@demo_only
def demo_mail_attachment(request, pk, attachment_pk):
    attachment = get_object_or_404(DemoMailAttachment, pk=attachment_pk, mail_id=pk)
    return FileResponse(
        io.BytesIO(bytes(attachment.content)),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.mimetype,
    )
