"""The signed-in home page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from senda.web.access import membership_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"membership": membership_for(request.user)})
