"""The signed-in home page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from senda.web.access import can_list_cases, membership_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "membership": membership_for(request.user),
        "can_list_cases": can_list_cases(request.user),
    }
    return render(request, "web/home.html", context)
