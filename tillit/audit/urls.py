from django.urls import path

from tillit.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log_list, name="log_list"),
    path("stickprov/", views.log_sample_view, name="log_sample"),
    path("uppfoljning/", views.log_review, name="log_review"),
]
