import csv
from typing import Any
from urllib.parse import urlencode

from allauth.account.adapter import get_adapter as get_account_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.downloads import attachment
from core.languages import is_bidi, self_name
from core.spreadsheets import formula_safe
from core.typing import signed_in_user

from . import selectors, services
from .form_strings import Chrome, review_notice
from .forms import AnswerForm, ResultsFilterForm, StaffEntryForm
from .languages import ENGLISH_NAMES
from .models import AboutYou, Consultation, Response


def form_language(request: HttpRequest, consultation: Consultation) -> str:
    """The visitor's choice (?lang=) among the offered languages, else the page's language."""
    chosen = request.GET.get("lang", "")
    if chosen in consultation.languages:
        return chosen
    current = get_language()
    return current if current in consultation.languages else "en"


def language_links(
    request: HttpRequest, consultation: Consultation, current: str
) -> list[dict[str, Any]]:
    return [
        {
            "code": code,
            "name": self_name(code),
            "url": f"{request.path}?{urlencode({'lang': code})}",
            "current": code == current,
        }
        for code in consultation.languages
    ]


def form_context(
    request: HttpRequest,
    consultation: Consultation,
    language: str,
    marked: frozenset[str] = frozenset(),
    **extra: Any,
) -> dict[str, Any]:
    return {
        "consultation": consultation,
        "form_language": language,
        "form_dir": "rtl" if is_bidi(language) else "ltr",
        "chrome": Chrome(language, marked),
        "title": consultation.title_in(language),
        "description": consultation.description_in(language),
        "language_links": language_links(request, consultation, language),
        **extra,
    }


def consultation_list(request: HttpRequest) -> HttpResponse:
    lists = selectors.consultation_lists()
    language = get_language()
    return render(
        request,
        "consultations/consultation_list.html",
        {"lists": lists, "language": language},
    )


def client_address(request: HttpRequest) -> str:
    # The same client address as allauth's sign-in limits (ALLAUTH_TRUSTED_PROXY_COUNT
    # or ALLAUTH_TRUSTED_CLIENT_IP_HEADER behind a proxy). It is hashed, never stored.
    return get_account_adapter().get_client_ip(request)


def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The form in the visitor's language; a POST stores one anonymous response."""
    consultation = selectors.consultation_get_public(slug=slug)
    language = form_language(request, consultation)
    if not consultation.is_accepting():
        return render(
            request,
            "consultations/consultation_closed.html",
            form_context(request, consultation, language, now=timezone.now()),
            status=409 if request.method == "POST" else 200,
        )
    questions = selectors.question_list(consultation=consultation)
    form_kwargs = {"consultation": consultation, "questions": questions, "language": language}
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST, **form_kwargs)
        address = client_address(request)
        # A quick refusal before anything is checked; response_submit holds the limit.
        if services.submission_limit_reached(address=address):
            form.is_valid()
            form.add_error(None, form.t("err_rate"))
            status = 429
        elif form.honeypot_filled:
            services.submission_count(address=address)
            form.is_valid()
            form.add_error(None, form.t("err_rejected"))
            status = 400
        elif form.is_valid():
            try:
                nonce = services.form_token_read(
                    consultation=consultation, token=form.cleaned_data["token"]
                )
                services.response_submit(
                    consultation=consultation,
                    language=language,
                    answers=form.answers(),
                    about=form.about(),
                    nonce=nonce,
                    questions=questions,
                    rate_limited_address=address,
                )
            except ValidationError as error:
                if error.code == "replayed":
                    return render(
                        request,
                        "consultations/consultation_thanks.html",
                        form_context(request, consultation, language, replayed=True),
                    )
                if error.code == "closed":
                    return render(
                        request,
                        "consultations/consultation_closed.html",
                        form_context(request, consultation, language, now=timezone.now()),
                        status=409,
                    )
                if error.code == "expired":
                    form = _fresh_form(request, form_kwargs, consultation)
                    form.add_error(None, form.t("err_expired"))
                    status = 400
                elif error.code == "rate_limited":
                    form.add_error(None, form.t("err_rate"))
                    status = 429
                else:
                    form.add_service_errors(error)
                    status = 400
            else:
                thanks = reverse("consultations:thanks", kwargs={"slug": consultation.slug})
                return redirect(f"{thanks}?{urlencode({'lang': language})}")
        else:
            status = 400
            if "token" in form.errors:
                form = _fresh_form(request, form_kwargs, consultation)
                form.add_error(None, form.t("err_expired"))
        form.mark_invalid_fields()
    else:
        form = AnswerForm(
            initial={"token": services.form_token_issue(consultation=consultation)}, **form_kwargs
        )
    return render(
        request,
        "consultations/consultation_form.html",
        form_context(request, consultation, language, form=form),
        status=status,
    )


def _fresh_form(
    request: HttpRequest, form_kwargs: dict[str, Any], consultation: Consultation
) -> AnswerForm:
    """The visitor's answers again, under a new token."""
    data = request.POST.copy()
    data["token"] = services.form_token_issue(consultation=consultation)
    form = AnswerForm(data, **form_kwargs)
    form.is_valid()
    return form


def consultation_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = selectors.consultation_get_public(slug=slug)
    language = form_language(request, consultation)
    return render(
        request,
        "consultations/consultation_thanks.html",
        form_context(request, consultation, language),
    )


def consultation_results(request: HttpRequest, slug: str) -> HttpResponse:
    """What we heard: published results, every count of people suppressed below 5, as
    stored when the consultation last changed state (three queries, whatever its size)."""
    consultation = selectors.consultation_get_published(slug=slug)
    language = get_language()
    questions = selectors.question_list(consultation=consultation)
    results = selectors.stored_results(
        consultation=consultation, questions=questions, display_language=language
    )
    if results is None:  # published before results were stored (or loaded in bulk): once
        consultation.results_snapshot = services.consultation_results_refresh(
            consultation=consultation
        )
        results = selectors.stored_results(
            consultation=consultation, questions=questions, display_language=language
        )
    return render(
        request,
        "consultations/consultation_results.html",
        {
            "consultation": consultation,
            "title": consultation.title_in(language),
            "description": consultation.description_in(language),
            "what_we_did": consultation.what_we_did_in(language),
            "action_items": selectors.action_items_led_to(consultation=consultation),
            "results": results,
        },
    )


# --- Staff -------------------------------------------------------------------------------


@login_required
def consultation_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The form as visitors will see it, in any offered language, drafts included; the
    strings whose translation awaits a native speaker's review are marked, for staff only."""
    consultation = selectors.consultation_get_for_staff(
        user=signed_in_user(request), slug=slug, permission="consultations.preview_consultation"
    )
    language = form_language(request, consultation)
    questions = selectors.question_list(consultation=consultation)
    review = review_notice(language)
    marked = review.keys if review else frozenset()
    form = AnswerForm(
        consultation=consultation, questions=questions, language=language, review=marked
    )
    return render(
        request,
        "consultations/consultation_form.html",
        form_context(
            request,
            consultation,
            language,
            marked,
            form=form,
            preview=True,
            problems=services.consultation_problems(consultation=consultation),
            review=review,
            language_name=ENGLISH_NAMES.get(language, language),
        ),
    )


def _filters(
    request: HttpRequest, consultation: Consultation
) -> tuple[ResultsFilterForm, str, str]:
    form = ResultsFilterForm(request.GET or None, consultation=consultation)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["language"], form.cleaned_data["channel"]
    return form, "", ""


@login_required
def staff_results(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = selectors.consultation_get_for_staff(user=signed_in_user(request), slug=slug)
    filter_form, language, channel = _filters(request, consultation)
    questions = selectors.question_list(consultation=consultation)
    results = selectors.consultation_results(
        consultation=consultation,
        questions=questions,
        display_language=get_language(),
        language=language,
        channel=channel,
    )
    query = urlencode({"language": language, "channel": channel})
    return render(
        request,
        "consultations/staff_results.html",
        {
            "consultation": consultation,
            "title": consultation.title_in(get_language()),
            "filter_form": filter_form,
            "results": results,
            "language_names": ENGLISH_NAMES,
            "channel_names": dict(Response.Channel.choices),
            "query": query,
        },
    )


@login_required
def staff_results_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every response, one row each, one column per question (choices in English)."""
    consultation = selectors.consultation_get_for_staff(user=signed_in_user(request), slug=slug)
    _form, language, channel = _filters(request, consultation)
    questions = selectors.question_list(consultation=consultation)
    response = attachment(
        filename=f"{consultation.slug}-responses.csv", content_type="text/csv; charset=utf-8"
    )
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    about_fields = list(AboutYou.FIELDS)
    writer.writerow(
        ["response", "submitted_at", "language", "channel"]
        + [formula_safe(q.text_in("en")) for q in questions]
        + about_fields
    )
    for row in selectors.responses_for_export(
        consultation=consultation, questions=questions, language=language, channel=channel
    ):
        writer.writerow([formula_safe(cell) for cell in row])
    return response


@login_required
def staff_answers(request: HttpRequest, slug: str) -> HttpResponse:
    """Free-text answers, to choose the quotes fit for publication."""
    consultation = selectors.consultation_get_for_staff(
        user=signed_in_user(request), slug=slug, permission="consultations.moderate_quotes"
    )
    filter_form, language, channel = _filters(request, consultation)
    answers = selectors.free_text_answers(
        consultation=consultation, language=language, channel=channel
    )
    page = Paginator(answers, 50).get_page(request.GET.get("page"))
    for answer in page:
        answer.bidi = is_bidi(answer.response.language)
        answer.question_label = answer.question.text_in(get_language())
    return render(
        request,
        "consultations/staff_answers.html",
        {
            "consultation": consultation,
            "title": consultation.title_in(get_language()),
            "filter_form": filter_form,
            "page": page,
            "query": urlencode({"language": language, "channel": channel}),
        },
    )


@require_POST
@login_required
def staff_answer_quote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get_for_staff(
        user=signed_in_user(request), slug=slug, permission="consultations.moderate_quotes"
    )
    answer = selectors.answer_get_for_moderation(
        user=signed_in_user(request), consultation=consultation, pk=pk
    )
    approved = request.POST.get("approved") == "1"
    try:
        services.answer_set_quote_approved(
            by=signed_in_user(request), answer=answer, approved=approved
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The answer will be quoted in the published results.")
            if approved
            else _("The answer will not be quoted."),
        )
    target = reverse("consultations:staff_answers", kwargs={"slug": slug})
    next_query = request.POST.get("next", "")
    return redirect(f"{target}?{next_query}" if next_query else target)


@login_required
def staff_entry(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff type in a response gathered on paper, at a session or in an interview."""
    consultation = selectors.consultation_get_for_staff(
        user=signed_in_user(request), slug=slug, permission="consultations.enter_responses"
    )
    language = form_language(request, consultation)
    questions = selectors.question_list(consultation=consultation)
    form_kwargs = {"consultation": consultation, "questions": questions, "language": language}
    if request.method == "POST":
        form = StaffEntryForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                nonce = services.form_token_read(
                    consultation=consultation, token=form.cleaned_data["token"]
                )
                services.response_submit(
                    consultation=consultation,
                    language=language,
                    channel=form.cleaned_data["channel"],
                    answers=form.answers(),
                    about=form.about(),
                    nonce=nonce,
                    staff_entry=True,
                    by=signed_in_user(request),
                    questions=questions,
                )
            except ValidationError as error:
                if error.code == "replayed":
                    messages.info(request, _("This response was already saved."))
                    return redirect(request.get_full_path())
                if error.code in ("closed", "expired"):
                    form.add_error(None, " ".join(error.messages))
                else:
                    form.add_service_errors(error)
            else:
                messages.success(request, _("The response was saved. You can enter the next one."))
                return redirect(request.get_full_path())
        form.mark_invalid_fields()
    else:
        form = StaffEntryForm(
            initial={"token": services.form_token_issue(consultation=consultation)}, **form_kwargs
        )
    return render(
        request,
        "consultations/staff_entry.html",
        form_context(request, consultation, language, form=form),
    )
